import Foundation
import Testing
import EquityTestSupport

/// `equity funnel` end to end: columns, values against the reference, errors.
@Suite struct FunnelCommandTests {
    @Test func funnelHelpAndRun() throws {
        #expect(try CLI.run(["funnel", "--help"]).stdout.contains("Example:"))
        let r = try CLI.run(["funnel", "--input", CLI.fixture("phe/testdata_funnel_prop_inputs.csv"), "--statistic", "proportion",
                              "--numerator", "numerator", "--denominator", "denominator"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "Area,numerator,denominator,significance,significance.1,note")
        // Our column equals PHE's expected significance on every row (the last fields; area
        // names may hold quoted commas).
        #expect(r.lines.count == 304)
        for line in r.lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[fields.count - 3] == fields[fields.count - 2], "\(line)")
        }
    }

    /// The funnel plot: one marker per ward with its word on hover, names beside the wards
    /// beyond the 99.8% limits, both limit curves and the average; Better/Worse with a polarity.
    @Test func funnelPlot() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["funnel", "--input", CLI.fixture("ward_indicators.csv"), "--statistic", "proportion", "--numerator", "smokers",
                              "--denominator", "adults", "--plot", dir + "/funnel.svg", "--title", "Smoking <by ward>", "--polarity", "low_is_good",
                              "--output", dir + "/funnel.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: dir + "/funnel.svg", encoding: .utf8)
        let table = try String(contentsOfFile: dir + "/funnel.csv", encoding: .utf8)
        let placed = table.split(separator: "\n").dropFirst().filter { !$0.hasSuffix("missing") }.count
        #expect(svg.components(separatedBy: "<circle cx=").count - 1 == placed + 3) // + 3 legend markers
        #expect(svg.contains("<title>Smoking &lt;by ward&gt;</title>"))
        #expect(svg.contains("Barnfield: 13.7 — Better (beyond 99.8%)"))
        #expect(svg.contains(">Barnfield</text>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(svg.contains(">99.8% limits</text>") && svg.contains(">Average</text>"))
        // A bad polarity is an error and leaves no files.
        let bad = try CLI.run(["funnel", "--input", CLI.fixture("ward_indicators.csv"), "--statistic", "proportion", "--numerator", "smokers",
                                "--denominator", "adults", "--plot", dir + "/p2.svg", "--polarity", "sideways"])
        #expect(bad.status == 1 && !FileManager.default.fileExists(atPath: dir + "/p2.svg"))
    }
}
