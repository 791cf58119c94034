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
        #expect((try local.line(0)) == "id,value,G_star,z,p_one_sided,p_two_sided,p_sim,note,cluster")
        #expect((try local.line(1)).contains(",-1.43277965"))
        let c = try CLI.run(["geary", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME"])
        #expect(c.stdout.contains("\"C\": 0.54052820"))
        let bv = try CLI.run(["moran", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME", "--x", "INC"])
        #expect(bv.stdout.contains("\"I\": -0.45162268"))
    }
}

/// Significance the same way in every local statistic: `--alpha`, `--fdr`, `--bonferroni`,
/// cluster labels and `--map` for local G/G*, local Geary, local join counts and Lee's L.
@Suite struct LocalSignificanceCommandTests {
    static let columbus = ["--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID", "--value-property", "CRIME"]

    static func column(_ r: CLI.Run, _ name: String) throws -> [String] {
        let header = try r.line(0).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let k = try #require(header.firstIndex(of: name))
        return r.lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[k]) }
    }

    static func svg(_ name: String) throws -> String {
        ((try CLI.temporaryFile("x")) as NSString).deletingLastPathComponent + "/" + name
    }

    @Test func localGHotAndColdSpots() throws {
        let map = try Self.svg("hot.svg")
        let base = ["getis-ord"] + Self.columbus + ["--local", "--star", "--permutations", "999", "--seed", "1"]
        let plain = try CLI.run(base + ["--map", map])
        #expect(plain.status == 0, "\(plain.stderr)")
        let labels = try Self.column(plain, "cluster")
        let p = try Self.column(plain, "p_sim").map { try number($0) }
        let z = try Self.column(plain, "z").map { try number($0) }
        // High-High where p ≤ 0.05 and z > 0, Low-Low where z < 0.
        for i in labels.indices {
            let want = p[i] <= 0.05 ? (z[i] > 0 ? "High-High" : "Low-Low") : "Not significant"
            #expect(labels[i] == want, "area \(i + 1)")
        }
        let svg = try String(contentsOfFile: map, encoding: .utf8)
        #expect(svg.contains("High-High: hot spot") && svg.contains("Low-Low: cold spot") && svg.contains("Local G*"))
        // FDR and Bonferroni label a subset; the counts follow the correction.
        let fdr = try Self.column(try CLI.run(base + ["--fdr"]), "cluster")
        let bonferroni = try Self.column(try CLI.run(base + ["--bonferroni"]), "cluster")
        let count = { (l: [String]) in l.filter { $0 != "Not significant" }.count }
        #expect(count(bonferroni) <= count(fdr) && count(fdr) <= count(labels) && count(fdr) > 0)
        #expect(zip(fdr, labels).allSatisfy { $0 == "Not significant" || $0 == $1 })
        let both = try CLI.run(base + ["--fdr", "--bonferroni"])
        #expect(both.status == 64 && both.stderr.contains("give --fdr or --bonferroni, not both"))
        let global = try CLI.run(["getis-ord"] + Self.columbus + ["--fdr"])
        #expect(global.status == 64 && global.stderr.contains("--fdr and --bonferroni apply to --local"))
    }

    @Test func gearyJoinCountsAndLee() throws {
        let geary = try CLI.run(["geary"] + Self.columbus + ["--local", "--permutations", "999", "--bonferroni"])
        #expect(geary.status == 0, "\(geary.stderr)")
        let gp = try Self.column(geary, "p_sim").map { try number($0) }
        let gc = try Self.column(geary, "cluster")
        // Bonferroni over 49 areas: p ≤ 0.05/49, which 999 permutations can reach only at 0.001.
        #expect(zip(gp, gc).allSatisfy { ($0 <= 0.05 / 49) == ($1 != "Not significant") })
        let jc = try CLI.run(["join-count", "--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID",
                              "--value-property", "CRIME", "--quantile", "5,5", "--fdr", "--seed", "2"])
        #expect(jc.status == 0, "\(jc.stderr)")
        let jp = try Self.column(jc, "p_sim").map { $0.isEmpty ? Double.nan : try number($0) }
        let js = try Self.column(jc, "significant")
        let threshold = MultipleTestingReference.benjaminiHochberg(jp, alpha: 0.05)
        #expect(zip(jp, js).allSatisfy { $0.isNaN ? $1.isEmpty : (($0 <= threshold && threshold > 0) == ($1 == "yes")) })
        let map = try Self.svg("lee.svg")
        let lee = try CLI.run(["lee"] + Self.columbus + ["--x", "INC", "--local", "--permutations", "999", "--map", map])
        #expect(lee.status == 0, "\(lee.stderr)")
        let l = try Self.column(lee, "L_i").map { try number($0) }
        let q = try Self.column(lee, "quadrant")
        let c = try Self.column(lee, "cluster")
        // Lᵢ > 0 in HH and LL (x and y smoothed alike), < 0 in HL and LH; clusters are quadrants.
        for i in l.indices where !q[i].isEmpty {
            #expect((l[i] > 0) == (q[i] == "HH" || q[i] == "LL"), "area \(i + 1)")
            if c[i] != "Not significant" { #expect(c[i] == "\(q[i].first == "H" ? "High" : "Low")-\(q[i].last == "H" ? "High" : "Low")") }
        }
        #expect(c.contains("High-Low") || c.contains("Low-High"))
        #expect(try String(contentsOfFile: map, encoding: .utf8).contains("Local Lee's L"))
        // The neighbour match test: significant where the probability of that many neighbours in
        // common is ≤ α; the map shades the significant areas by their number in common.
        let nmMap = try Self.svg("nm.svg")
        let nm = try CLI.run(["neighbour-match", "--polygons", CLI.fixture("boundaries/columbus.geojson"), "--id-property", "POLYID",
                              "--variables", "CRIME,INC", "--k", "6", "--metric", "euclidean", "--map", nmMap])
        #expect(nm.status == 0, "\(nm.stderr)")
        #expect(try nm.line(0) == "id,cardinality,probability,significant")
        let probability = try Self.column(nm, "probability").map { $0.isEmpty ? Double.nan : try number($0) }
        let flagged = try Self.column(nm, "significant")
        #expect(zip(probability, flagged).allSatisfy { $0.isNaN ? $1.isEmpty : (($0 <= 0.05) == ($1 == "yes")) })
        let nmSVG = try String(contentsOfFile: nmMap, encoding: .utf8)
        #expect(flagged.contains("yes") && nmSVG.contains("of 6 in common"))
    }
}

/// Benjamini–Hochberg written out independently of Equity's: the largest p₍ₖ₎ ≤ kα/m over the
/// p-values that are numbers.
enum MultipleTestingReference {
    static func benjaminiHochberg(_ p: [Double], alpha: Double) -> Double {
        let s = p.filter { !$0.isNaN }.sorted()
        var t = 0.0
        for k in s.indices where s[k] <= Double(k + 1) * alpha / Double(s.count) { t = s[k] }
        return t
    }
}
