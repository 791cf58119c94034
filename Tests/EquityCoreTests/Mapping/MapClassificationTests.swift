import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Class bounds against mapclassify 2.10.0 (`Fixtures/reference/mapclassify_bins.csv`, made by
/// `Fixtures/reference/scripts/mapclassify_bins.py`) on Luton's income scores and NC SIDS rates.
@Suite struct MapClassificationTests {
    static func data() throws -> [String: [Double]] {
        let luton = try Fixtures.table(fixture: "deprivation/luton_lsoa11_iod2019.csv").doubles("income_score")
        let nc = try GeoJSONReader.read(path: Fixtures.path("boundaries/nc_sids.geojson"))
        return ["luton_income_score": luton, "nc_sidr74": try nc.property("SIDR74").map { try number($0) }]
    }

    static func scheme(_ text: String) -> MapClassification? {
        let parts = text.split(separator: " ").map(String.init)
        switch parts[0] {
        case "quantiles": return .quantiles(Int(parts[1])!)
        case "equal-interval": return .equalInterval(Int(parts[1])!)
        case "fisher-jenks": return .fisherJenks(Int(parts[1])!)
        case "box-plot": return .boxPlot(hinge: Double(parts[1])!)
        case "percentiles": return .percentiles([1, 10, 50, 90, 99, 100])
        case "user": return .userDefined([Double(parts[1])!, Double(parts[2])!])
        default: return nil
        }
    }

    @Test func binsAgreeWithMapclassify() throws {
        let data = try Self.data()
        let text = try String(contentsOfFile: Fixtures.path("reference/mapclassify_bins.csv"), encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n").dropFirst(2) {
            let f = line.split(separator: ",", maxSplits: 2).map(String.init)
            let y = try #require(data[f[0]])
            let want = f[2].split(separator: " ").map { Double($0)! }
            if f[1] == "counts quantiles 5" {
                let bins = try MapClassification.quantiles(5).bins(y)
                var counts = [Double](repeating: 0, count: bins.count)
                for c in MapClassification.classify(y, bins: bins) { counts[c!] += 1 }
                #expect(counts == want, "\(f[0]) \(f[1])")
            } else {
                let got = try Self.scheme(f[1])!.bins(y)
                #expect(got.count == want.count, "\(f[0]) \(f[1])")
                for (a, b) in zip(got, want) { #expect(close(a, b, relative: 1e-12, absolute: 1e-15), "\(f[0]) \(f[1]): \(got) vs \(want)") }
            }
            checked += 1
        }
        #expect(checked == 28)
    }

    @Test func classifyAndErrors() throws {
        #expect(MapClassification.classify([1, 2, 2.5, 10, .nan], bins: [2, 5, 10]) == [0, 0, 1, 2, nil])
        #expect(throws: EquityError.self) { try MapClassification.quantiles(5).bins([.nan]) }
        #expect(throws: EquityError.self) { try MapClassification.userDefined([3, 1]).bins([1, 2]) }
        // Large inputs: exact on distinct values, fast.
        let big = (0..<40_000).map { Double($0 % 997) / 7 }
        #expect(try MapClassification.fisherJenks(5).bins(big).count == 5)
    }
}
