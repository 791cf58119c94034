import Foundation
import Testing
import EquityTestSupport

/// Issue 9, item 10: GeoJSON with repeated keys, all-island inputs, islands from adjacency
/// files, and messages that name ids and file positions.
@Suite struct SpatialInputTests {
    /// A 3 × 3 lattice of unit squares as GeoJSON, with `properties` text per feature.
    static func lattice(_ properties: (Int) -> String) -> String {
        var features: [String] = []
        for r in 0..<3 {
            for c in 0..<3 {
                let k = r * 3 + c
                let (x, y) = (Double(c), Double(r))
                features.append("""
                {"type":"Feature","properties":{\(properties(k))},"geometry":{"type":"Polygon","coordinates":[[[\(x),\(y)],[\(x + 1),\(y)],[\(x + 1),\(y + 1)],[\(x),\(y + 1)],[\(x),\(y)]]]}}
                """)
            }
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// A repeated property key crashed moran and made geary report n = 10 for 9 polygons; the
    /// last key wins, as in JSON parsers.
    @Test func repeatedPropertyKeyLastWins() throws {
        let once = try CLI.temporaryFile(Self.lattice { "\"id\":\"a\($0)\",\"v\":\($0 * $0)" }, name: "once.geojson")
        let twice = try CLI.temporaryFile(Self.lattice { "\"id\":\"a\($0)\",\"v\":1,\"v\":\($0 * $0)" }, name: "twice.geojson")
        for command in ["moran", "geary", "getis-ord"] {
            let a = try CLI.run([command, "--polygons", once, "--id-property", "id", "--value-property", "v"])
            let b = try CLI.run([command, "--polygons", twice, "--id-property", "id", "--value-property", "v"])
            #expect(a.status == 0)
            #expect(b.status == 0)
            #expect(a.stdout == b.stdout, "\(command)")
            #expect(b.stdout.contains("\"n\": 9"))
        }
    }

    /// A repeated id key shifted every later id, so `weights` printed wrong pairs with exit 0.
    @Test func repeatedIdKeyKeepsPairsAligned() throws {
        let once = try CLI.temporaryFile(Self.lattice { "\"id\":\"a\($0)\"" }, name: "once.geojson")
        let twice = try CLI.temporaryFile(Self.lattice { $0 == 4 ? "\"id\":\"x\",\"id\":\"a4\"" : "\"id\":\"a\($0)\"" }, name: "twice.geojson")
        let a = try CLI.run(["weights", "--polygons", once, "--id-property", "id"])
        let b = try CLI.run(["weights", "--polygons", twice, "--id-property", "id"])
        #expect(b.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.lines.contains("a0,a4"))
    }

    /// All islands printed "I": null with exit 0.
    @Test func allIslandsIsAnError() throws {
        let values = try CLI.temporaryFile("id,v\nA,1\nB,2\nC,3\nD,5\n")
        let pairs = try CLI.temporaryFile("a,b\n", name: "pairs.csv")
        let r = try CLI.run(["moran", "--input", values, "--id", "id", "--value", "v", "--adjacency", pairs, "--allow-islands"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no area has a neighbour"))
    }

    /// An area missing from an --adjacency file silently became an island.
    @Test func undeclaredIslandsAreAnError() throws {
        let values = try CLI.temporaryFile("id,v\nA,1\nB,2\nC,3\nD,5\nE,8\n")
        let pairs = try CLI.temporaryFile("a,b\nA,B\nB,C\nC,D\n", name: "pairs.csv")
        let r = try CLI.run(["moran", "--input", values, "--id", "id", "--value", "v", "--adjacency", pairs])
        #expect(r.status == 1)
        #expect(r.stderr.contains("pairs.csv: area 'E' has values but no pair in this adjacency list"))
        #expect(r.stderr.contains("--allow-islands"))
        let allowed = try CLI.run(["moran", "--input", values, "--id", "id", "--value", "v", "--adjacency", pairs, "--allow-islands"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("\"islands\": 1"))
    }

    /// Errors named an internal index ("area 4"); they name the id and the feature's line.
    @Test func errorsNameIdsAndLines() throws {
        let missing = try CLI.temporaryFile(Self.lattice { $0 == 5 ? "\"id\":\"a5\",\"v\":\"n/a\"" : "\"id\":\"a\($0)\",\"v\":\($0)" },
                                                 name: "missing.geojson")
        let r = try CLI.run(["moran", "--polygons", missing, "--id-property", "id", "--value-property", "v"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing.geojson:7:1: feature 'a5' has no numeric 'v' ('n/a')"))
        let duplicate = try CLI.temporaryFile(Self.lattice { "\"id\":\"a\($0 == 7 ? 2 : $0)\"" }, name: "dup.geojson")
        let d = try CLI.run(["weights", "--polygons", duplicate, "--id-property", "id"])
        #expect(d.status == 1)
        #expect(d.stderr.contains("dup.geojson:9:1: id 'a2' ('id') of feature 8 already belongs to feature 3"))
    }
}
