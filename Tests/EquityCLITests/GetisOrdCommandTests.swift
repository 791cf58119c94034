import Foundation
import Testing
import EquityTestSupport

/// `equity getis-ord` end to end: columns, values against the reference, errors.
@Suite struct GetisOrdCommandTests {
    @Test func getisOrdAndGeary() throws {
        let columbus = CLI.fixture("boundaries/columbus.geojson")
        let g = try CLI.run(["getis-ord", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME"])
        #expect(g.stdout.contains("\"G\": 0.12780745"))
        let local = try CLI.run(["getis-ord", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--local", "--star"])
        #expect((try local.line(0)) == "id,value,G_star,z,p_one_sided,p_two_sided,p_sim,note")
        #expect((try local.line(1)).contains(",-1.43277965"))
        let c = try CLI.run(["geary", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME"])
        #expect(c.stdout.contains("\"C\": 0.54052820"))
        let bv = try CLI.run(["moran", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--x", "INC"])
        #expect(bv.stdout.contains("\"I\": -0.45162268"))
    }
}
