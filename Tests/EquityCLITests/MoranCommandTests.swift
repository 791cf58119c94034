import Foundation
import Testing
import EquityTestSupport

/// `equity moran` end to end: columns, values against the reference, errors.
@Suite struct MoranCommandTests {
    static let luton = CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson")
    static let lutonValues = CLI.fixture("deprivation/luton_lsoa11_iod2019.csv")
    static let lutonQueen = CLI.fixture("adjacency/luton_lsoa11_bgc_queen_edges.csv")

    @Test func moranJSONKeysAndValue() throws {
        let r = try CLI.run(["moran", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--adjacency", Self.lutonQueen, "--permutations", "999", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        for key in ["n", "I", "expected_I", "variance_normality", "variance_randomisation", "z_normality", "z_randomisation",
                    "p_normality", "p_randomisation", "p_normality_two_sided", "p_randomisation_two_sided", "permutations",
                    "p_sim", "mean_sim", "sd_sim", "islands"] {
            #expect(r.stdout.contains("\"\(key)\": "), "\(key)")
        }
        #expect(r.stdout.contains("\"I\": 0.40887920232508"))
        #expect(r.stdout.contains("\"p_sim\": 0.001"))
        // Same numbers from polygons with the value as a CSV column, and with contiguity.
        let p = try CLI.run(["moran", "--input", Self.lutonValues, "--id", "lsoa11cd", "--value", "income_score",
                                  "--polygons", Self.luton, "--id-property", "LSOA11CD", "--format", "csv"])
        #expect((try p.line(1)).hasPrefix("121,0.40887920232508"))
    }

    @Test func badSpatialInputs() throws {
        // An area in the values missing from the neighbours, and one missing from the values.
        let extra = try CLI.temporaryFile("lsoa11cd,income_score\n" + (try String(contentsOfFile: Self.lutonValues, encoding: .utf8))
            .split(separator: "\n").dropFirst().map { line -> String in let f = line.split(separator: ",", omittingEmptySubsequences: false); return "\(f[0]),\(f[4])" }
            .joined(separator: "\n") + "\nE99999999,0.5\n")
        var r = try CLI.run(["moran", "--input", extra, "--id", "lsoa11cd", "--value", "income_score", "--polygons", Self.luton, "--id-property", "LSOA11CD"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("E99999999"))
        let constant = try CLI.temporaryFile("id,v\na,1\nb,1\nc,1\nd,1\n")
        let edges = try CLI.temporaryFile("a,b\na,b\nb,c\nc,d\n", name: "edges.csv")
        r = try CLI.run(["moran", "--input", constant, "--id", "id", "--value", "v", "--adjacency", edges])
        #expect(r.status == 1)
        #expect(r.stderr.contains("all values are equal"))
        let three = try CLI.temporaryFile("id,v\na,1\nb,2\nc,3\n")
        r = try CLI.run(["moran", "--input", three, "--id", "id", "--value", "v", "--adjacency", try CLI.temporaryFile("a,b\na,b\nb,c\n", name: "e.csv")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("at least 4"))
        let broken = try CLI.temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",", name: "b.geojson")
        r = try CLI.run(["weights", "--polygons", broken, "--id-property", "id"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("b.geojson"))
    }
}
