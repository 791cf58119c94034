import Foundation
import Testing
import EquityTestSupport

/// `equity weights` end to end: columns, values against the reference, errors.
@Suite struct WeightsCommandTests {
    static let luton = CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson")

    @Test func weightsPairsAndSummary() throws {
        let r = try CLI.run(["weights", "--polygons", Self.luton, "--id-property", "LSOA11CD", "--contiguity", "rook"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "id_a,id_b")
        #expect(r.lines.count == 322)
        #expect(r.lines.dropFirst().allSatisfy { line in let p = line.split(separator: ","); return p[0] < p[1] })
        #expect(r.stderr.contains("121 areas, 321 rook pairs, 0 islands, 1 connected component"))
    }
}
