import Foundation
import Testing
import EquityTestSupport

/// `equity ci rate` end to end: columns, values against the reference, errors.
@Suite struct CIRateCommandTests {
    @Test func oneLevelUsesLowerclUppercl() throws {
        let r = try CLI.run(["ci", "rate", "--input", "-", "--count", "d", "--population", "p"], stdin: "d,p\n65,100000\n5,1000\n")
        #expect(r.status == 0)
        #expect((try r.line(0)) == "d,p,value,lowercl,uppercl,confidence,statistic,method,note")
        // methods.md: Byar's 65 → 50.1631877105–82.8491385459 (per 100,000 of 100,000 people).
        #expect((try r.line(1)).hasPrefix("65,100000,65,50.16318771"))
        #expect((try r.line(1)).hasSuffix(",95%,rate per 100000,Byars,"))
        #expect((try r.line(2)).contains(",Exact,"))
    }
}
