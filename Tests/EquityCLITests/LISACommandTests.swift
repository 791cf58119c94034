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
