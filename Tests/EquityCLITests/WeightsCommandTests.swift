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

    /// kNN is asymmetric: `--links` keeps each area's own k neighbours (49 × 4 rows on Columbus),
    /// and the file read back with `--weights` gives the same Moran's I as `--knn 4` itself.
    @Test func linksKeepKNNDirectionAndReadBack() throws {
        let columbus = CLI.fixture("boundaries/columbus.geojson")
        let base = ["--polygons", columbus, "--id-property", "POLYID"]
        let pairs = try CLI.run(["weights"] + base + ["--knn", "4"])
        #expect(pairs.status == 0 && pairs.stderr.contains("note: these weights are asymmetric"))
        let links = try CLI.run(["weights"] + base + ["--knn", "4", "--links"])
        #expect(links.status == 0 && !links.stderr.contains("note:"))
        #expect((try links.line(0)) == "id,neighbour,weight" && links.lines.count == 1 + 49 * 4)
        let path = try CLI.temporaryFile(links.stdout, name: "knn4.csv")
        let moran = ["moran"] + base + ["--value-property", "CRIME"]
        let viaFile = try CLI.run(moran + ["--weights", path])
        let direct = try CLI.run(moran + ["--knn", "4"])
        #expect(viaFile.status == 0 && viaFile.stdout == direct.stdout, "\(viaFile.stderr)")
        // Inverse-distance weights keep their values in the links, and say what pairs would drop.
        let idw = ["weights"] + base + ["--distance-band", "0.6", "--distance-alpha", "-1", "--metric", "euclidean"]
        #expect(try CLI.run(idw).stderr.contains("note: these weights are not binary"))
        let values = try CLI.run(idw + ["--links"])
        #expect(values.lines.dropFirst().contains { !$0.hasSuffix(",1") })
    }

    @Test func badLinksFilesNameLineAndColumn() throws {
        let columbus = CLI.fixture("boundaries/columbus.geojson")
        let moran = ["moran", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--weights"]
        let unknown = try CLI.temporaryFile("id,neighbour,weight\n1,2,1\n2,99,1\n", name: "unknown.csv")
        var r = try CLI.run(moran + [unknown])
        #expect(r.status == 1 && r.stderr.contains("unknown.csv:3:1: area '99' of the weights is not in the data"), "\(r.stderr)")
        let twice = try CLI.temporaryFile("id,neighbour,weight\n1,2,1\n2,1,1\n1,2,0.5\n", name: "twice.csv")
        r = try CLI.run(moran + [twice])
        #expect(r.status == 1 && r.stderr.contains("twice.csv:4:1: the link '1' → '2' appears twice"), "\(r.stderr)")
        let missing = try CLI.temporaryFile("id,neighbour,weight\n1,2,\n", name: "missing.csv")
        r = try CLI.run(moran + [missing])
        #expect(r.status == 1 && r.stderr.contains("missing.csv:2:3: the weight is missing"), "\(r.stderr)")
        let columns = try CLI.temporaryFile("from,to\n1,2\n", name: "columns.csv")
        r = try CLI.run(moran + [columns])
        #expect(r.status == 1 && r.stderr.contains("unknown column 'id'"), "\(r.stderr)")
    }
}
