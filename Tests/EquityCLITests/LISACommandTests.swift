import Foundation
import Testing
import EquityTestSupport

/// `equity lisa` end to end: columns, values against the reference, errors.
@Suite struct LISACommandTests {
    static let luton = CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson")
    static let lutonValues = CLI.fixture("deprivation/luton_lsoa11_iod2019.csv")
    static let dir = CLI.fixture("luton_marmot/")

    @Test func lisaCSVAndMap() throws {
        let dir = (try CLI.temporaryFile("x")) as NSString
        let svg = dir.deletingLastPathComponent + "/lisa.svg"
        let r = try CLI.run(["lisa", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--polygons", Self.luton, "--id-property", "LSOA11CD", "--permutations", "99", "--seed", "1",
                                  "--map", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try r.line(0)) == "id,value,z,lag,Ii,quadrant,p_sim,cluster")
        #expect(r.lines.count == 122)
        let map = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(map.hasPrefix("<?xml"))
        #expect(map.contains("<path") && map.contains("High–High"))
        #expect(!map.contains("http://") || map.contains("http://www.w3.org/2000/svg"))
    }
}

/// The LISA variants and local join counts from the command line.
@Suite struct LISAVariantCommandTests {
    static let base = ["--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd", "--value", "income_score",
                       "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD"]

    /// Z_Ii of the first Luton LSOA from spdep `localmoran` (Fixtures/reference/localmoran_spdep.csv).
    @Test func momentsBivariateAndEBRates() throws {
        let m = try CLI.run(["lisa"] + Self.base + ["--moments", "conditional"])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try m.line(0).hasSuffix(",E_Ii,Var_Ii,Z_Ii,p_Ii"))
        let z = try number(try m.line(1).split(separator: ",")[10])
        #expect(close(z, 2.5400158885820896, relative: 1e-9))
        let bv = try CLI.run(["lisa"] + Self.base + ["--x", "imd_rank", "--permutations", "99"])
        #expect(bv.status == 0 && bv.lines.count == 122, "\(bv.stderr)")
        let eb = try CLI.run(["lisa", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"), "--id", "lsoa11cd",
                              "--value", "income_deprived", "--events", "income_deprived", "--population", "pop_mid2015",
                              "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD", "--permutations", "99"])
        #expect(eb.status == 0 && eb.lines.count == 122, "\(eb.stderr)")
        let both = try CLI.run(["lisa"] + Self.base + ["--x", "imd_rank", "--moments", "total"])
        #expect(both.status != 0)
    }

    @Test func joinCountsAndQuantileLISA() throws {
        let dir = try CLI.temporaryDirectory()
        let q = try CLI.run(["join-count"] + Self.base + ["--quantile", "5,5", "--map", dir + "/jc.svg"])
        #expect(q.status == 0, "\(q.stderr)")
        #expect(try q.line(0) == "id,value,ljc,p_sim,significant")
        #expect(try String(contentsOfFile: dir + "/jc.svg", encoding: .utf8).contains("Local join counts: quantile 5 of 5 of income_score"))
        let notBinary = try CLI.run(["join-count"] + Self.base)
        #expect(notBinary.status == 1 && notBinary.stderr.contains("0/1 values"), "\(notBinary.stderr)")
    }
}

/// Correlograms, global join counts, weights files and higher orders from the command line.
@Suite struct SpatialExtrasCommandTests {
    @Test func correlogramJoinCountsAndWeightsFiles() throws {
        let dir = try CLI.temporaryDirectory()
        let columbus = ["--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID"]
        let c = try CLI.run(["moran"] + columbus + ["--value-property", "CRIME", "--correlogram", "3"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(try c.line(0) == "order,n,I,expected_I,variance_normality,variance_randomisation,z_randomisation,p_randomisation_two_sided,islands")
        // Order 1 is spdep's 0.500188557182861149 (Fixtures/reference/correlogram_spdep.csv).
        #expect(close(try number(try c.line(1).split(separator: ",")[2]), 0.500188557182861149, relative: 1e-9))
        let g = try CLI.run(["join-count"] + columbus + ["--value-property", "CP", "--global"])
        #expect(g.status == 0 && g.lines.count == 5, "\(g.stderr)")
        let w = try CLI.run(["weights"] + columbus + ["--output", dir + "/c.gal"])
        #expect(w.status == 0, "\(w.stderr)")
        let viaGal = try CLI.run(["moran", "--input", try CLI.temporaryFile("id,v\n" + (1...49).map { "\($0),\($0 % 7)" }.joined(separator: "\n") + "\n"),
                                  "--id", "id", "--value", "v", "--weights", dir + "/c.gal"])
        let viaPolygons = try CLI.run(["moran", "--input", try CLI.temporaryFile("id,v\n" + (1...49).map { "\($0),\($0 % 7)" }.joined(separator: "\n") + "\n"),
                                       "--id", "id", "--value", "v", "--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID"])
        #expect(viaGal.status == 0 && viaGal.stdout == viaPolygons.stdout, "\(viaGal.stderr)")
        let second = try CLI.run(["weights"] + columbus + ["--order", "2"])
        #expect(second.status == 0 && second.lines.count == 209, "\(second.lines.count)")
    }
}

/// Distance, kernel and block weights from the command line.
@Suite struct WeightsOptionsCommandTests {
    /// Moran's I with inverse-distance weights equals esda's with libpysal
    /// DistanceBand(threshold=2, binary=False, alpha=-1), row-standardised: 0.2282707748667535.
    @Test func inverseDistanceKernelAndBlock() throws {
        let columbus = ["--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID", "--value-property", "CRIME"]
        let idw = try CLI.run(["moran"] + columbus + ["--distance-band", "2", "--distance-alpha", "-1", "--metric", "euclidean", "--format", "csv"])
        #expect(idw.status == 0, "\(idw.stderr)")
        #expect(close(try number(try idw.line(1).split(separator: ",")[1]), 0.2282707748667535, relative: 1e-9))
        let kernel = try CLI.run(["moran"] + columbus + ["--kernel", "quartic", "--kernel-k", "5", "--adaptive", "--metric", "euclidean"])
        #expect(kernel.status == 0, "\(kernel.stderr)")
        let local = try CLI.run(["lisa"] + columbus + ["--kernel", "triangular"])
        #expect(local.status == 1 && local.stderr.contains("self-links"))
        let block = try CLI.run(["moran", "--input", CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz"), "--id", "lsoa11cd",
                                 "--value", "income_score", "--block-by", "lad19cd"])
        #expect(block.status == 0 && block.stdout.contains("\"n\": 32844"), "\(block.stderr)")
    }
}

/// Lee's L and the neighbour match test from the command line.
@Suite struct LeeAndNeighbourMatchCommandTests {
    /// Luton's L (IMD rank with income score): esda Spatial_Pearson gives −0.4198245233686335.
    @Test func leeAndNeighbourMatch() throws {
        let luton = ["--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd",
                     "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD"]
        let g = try CLI.run(["lee"] + luton + ["--value", "imd_rank", "--x", "income_score", "--format", "csv"])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(close(try number(try g.line(1).split(separator: ",")[1]), -0.4198245233686335, relative: 1e-9))
        let l = try CLI.run(["lee"] + luton + ["--value", "imd_rank", "--x", "income_score", "--local", "--permutations", "99"])
        #expect(l.status == 0 && l.lines.count == 122)
        #expect(try l.line(0) == "id,x,y,L_i,p_sim,quadrant,cluster")
        let m = try CLI.run(["neighbour-match", "--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID",
                             "--variables", "CRIME,INC", "--k", "6", "--metric", "euclidean"])
        #expect(m.status == 0, "\(m.stderr)")
        let first = try m.line(1).split(separator: ",")
        let p = try number(first[2])
        #expect(first[1] == "1" && close(p, 0.41592331898465323, relative: 1e-12))
    }
}
