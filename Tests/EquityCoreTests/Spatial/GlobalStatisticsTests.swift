import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Global spatial statistics against methods.md §8 (PySAL esda 2.9.0 / R spdep 1.2-7 values).
@Suite struct GlobalStatisticsTests {
    static func columbus(_ rule: Contiguity = .queen) throws -> (layer: PolygonLayer, w: SpatialWeights) {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/columbus.geojson"))
        let ids = try layer.property("POLYID")
        return (layer, try SpatialWeights(ids: ids, pairs: rule.pairs(layer)))
    }

    static func values(_ layer: PolygonLayer, _ name: String) throws -> [Double] {
        try layer.property(name).map { try number($0) }
    }

    @Test func columbusLinks() throws {
        #expect(try Self.columbus(.queen).w.linkCount == 236)
        #expect(try Self.columbus(.rook).w.linkCount == 200)
    }

    @Test func columbusMoran() throws {
        let (layer, w) = try Self.columbus()
        let crime = try Self.values(layer, "CRIME")
        let r = try Moran.global(crime, weights: w.transformed(.R))
        #expect(close(r.value, 0.5001885572, relative: 1e-9))
        #expect(close(r.expected, -0.02083333333, relative: 1e-9))
        #expect(close(r.varianceNormality, 0.008563413119, relative: 1e-9))
        #expect(close(r.varianceRandomisation, 0.008689289201, relative: 1e-9))
        #expect(close(r.zRandomisation, 5.589382675, relative: 1e-9))
        let b = try Moran.global(crime, weights: w.transformed(.B))
        #expect(close(b.value, 0.5154614369, relative: 1e-9))
        #expect(close(b.varianceRandomisation, 0.007454394343, relative: 1e-9))
        #expect(close(b.zRandomisation, 6.211512737, relative: 1e-9))
        let rook = try Self.columbus(.rook).w
        let rr = try Moran.global(crime, weights: rook.transformed(.R))
        #expect(close(rr.value, 0.5236702128, relative: 1e-9))
        #expect(close(rr.varianceRandomisation, 0.009952987348, relative: 1e-9))
    }

    @Test func columbusGearyAndGetisOrd() throws {
        let (layer, w) = try Self.columbus()
        let crime = try Self.values(layer, "CRIME")
        let c = try Geary.global(crime, weights: w.transformed(.R))
        #expect(close(c.value, 0.5405282027, relative: 1e-9))
        #expect(close(c.varianceNormality, 0.009821535434, relative: 1e-9))
        #expect(close(c.varianceRandomisation, 0.009384263777, relative: 1e-9))
        let g = try GetisOrd.global(crime, weights: w.transformed(.B))
        #expect(close(g.value, 0.1278074574, relative: 1e-9))
        #expect(close(g.expected, 0.1003401361, relative: 1e-9))
        #expect(close(g.varianceNormality, 3.507057304e-05, relative: 1e-8))
        #expect(close(g.zNormality, 4.638150932, relative: 1e-8))
    }

    @Test func columbusLocalG() throws {
        let (layer, w) = try Self.columbus()
        let crime = try Self.values(layer, "CRIME")
        let g = try GetisOrd.local(crime, weights: w.transformed(.B), star: false)
        for (k, want) in [-0.9378076510, -0.9856591203, -0.7184189125].enumerated() {
            #expect(close(g.z[k], want, relative: 1e-9), "G z \(k): \(g.z[k])")
        }
        let s = try GetisOrd.local(crime, weights: w.transformed(.B), star: true)
        for (k, want) in [-1.432779654, -1.340008097, -0.771998681].enumerated() {
            #expect(close(s.z[k], want, relative: 1e-8), "G* z \(k): \(s.z[k])")
        }
    }

    @Test func columbusBivariate() throws {
        let (layer, w) = try Self.columbus()
        let r = try Moran.bivariate(x: try Self.values(layer, "INC"), y: try Self.values(layer, "CRIME"), weights: w.transformed(.R))
        #expect(close(r.value, -0.4516226894, relative: 1e-9))
    }

    /// Permutations: seeded, identical on any number of threads, centred near E[I].
    @Test func permutationsAreDeterministic() throws {
        let (layer, w) = try Self.columbus()
        let crime = try Self.values(layer, "CRIME")
        let a = try Moran.global(crime, weights: w.transformed(.R), permutations: 999, seed: 5, threads: 1)
        let b = try Moran.global(crime, weights: w.transformed(.R), permutations: 999, seed: 5, threads: 4)
        #expect(a == b)
        #expect(a.pSim == 0.001)
        #expect(abs(a.meanSim - a.expected) < 0.02)
        #expect(abs(a.sdSim - a.varianceRandomisation.squareRoot()) < 0.015)
    }

    /// Luton LSOA11 income score, queen (reference adjacency), row-standardised.
    @Test func lutonMoran() throws {
        let (ids, values) = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"),
                                                     idColumn: "lsoa11cd", valueColumn: "income_score", ids: nil)
        let w = try SpatialInputs.adjacency(csv: Fixtures.path("adjacency/luton_lsoa11_bgc_queen_edges.csv"), ids: ids)
        let r = try Moran.global(values, weights: w.transformed(.R))
        let (s0, s1, s2) = w.transformed(.R).moments
        #expect(close(s0, 121, relative: 1e-12))
        #expect(close(s1, 47.62124717, relative: 1e-9))
        #expect(close(s2, 493.3592744, relative: 1e-9))
        #expect(close(r.value, 0.4088792023, relative: 1e-9))
        #expect(close(r.varianceNormality, 0.003109783547, relative: 1e-9))
        #expect(close(r.varianceRandomisation, 0.003114905568, relative: 1e-9))
        #expect(close(r.zRandomisation, 7.475408093, relative: 1e-9))
        #expect(close(r.pRandomisation, 3.848e-14, relative: 1e-3))
        #expect(close(try Moran.global(values, weights: w.transformed(.B)).value, 0.3807078848, relative: 1e-9))
        #expect(close(try Geary.global(values, weights: w.transformed(.R)).value, 0.5994019232, relative: 1e-9))
    }

    @Test func badInputs() throws {
        let (_, w) = try Self.columbus()
        #expect(throws: EquityError.self) { try Moran.global([Double](repeating: 3, count: 49), weights: w) }
        let small = try SpatialWeights(ids: ["a", "b", "c"], pairs: [(0, 1), (1, 2)])
        #expect(throws: EquityError.self) { try Moran.global([1, 2, 3], weights: small) }
    }
}
