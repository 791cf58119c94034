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
}
