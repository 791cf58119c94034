import Foundation
import Testing
import EquityTestSupport

/// `equity gini` end to end: columns, values against the reference, errors.
@Suite struct GiniCommandTests {
    @Test func giniNegativeValueIsAnError() throws {
        let path = try CLI.temporaryFile("a,v\nX,1\nX,-2\n")
        let r = try CLI.run(["gini", "--input", path, "--value", "v"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(path):3:2: value -2 is negative"))
        let one = try CLI.run(["gini", "--input", try CLI.temporaryFile("a,v\nX,1\nY,2\nY,4\n"), "--value", "v", "--group-by", "a"])
        #expect(one.status == 0)
        #expect((try one.line(1)).hasPrefix("X,1,"))
        #expect((try one.line(1)).hasSuffix("fewer than 2 values"))
    }
}
