import Foundation
import Testing
import EquityTestSupport

/// `equity ci dsr` end to end: columns, values against the reference, errors.
@Suite struct CIDSRCommandTests {
    /// PHE's DSR error workbooks: negative count (err1), zero population (err2: a missing result
    /// with its reason rather than PHE's error), negative population (err3) and negative
    /// standard population (err4).
    @Test func dsrErrorWorkbooks() throws {
        func run(_ file: String, _ extra: [String]) throws -> CLI.Run {
            try CLI.run(["ci", "dsr", "--input", CLI.fixture("phe/" + file), "--count", "count", "--population", "pop"] + extra)
        }
        let std = ["--standard-population", "stdpop"]
        var r = try run("testdata_DSR_ISR__testdata_err1.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err1.csv:7:2: count -26 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err3.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err3.csv:3:3: population -558 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err4.csv", std)
        #expect(r.status == 1)
        #expect(r.stderr.contains("testdata_err4.csv:7:4: standard population -6000 is negative"))
        r = try run("testdata_DSR_ISR__testdata_err2.csv", ["--group-by", "area"])
        #expect(r.status == 0)
        #expect((try r.line(1)).hasSuffix(",dsr per 100000,Dobson,population is zero in age band 2"))
        #expect((try r.line(2)).hasPrefix("Area2,"))
    }
}
