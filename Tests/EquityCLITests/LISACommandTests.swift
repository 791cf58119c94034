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
