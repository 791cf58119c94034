import Foundation
import Testing
import EquityTestSupport

/// `equity ci isr` end to end: columns, values against the reference, errors.
@Suite struct CIISRCommandTests {
    @Test func standardisedRatesFromTheCLI() throws {
        let dsr = try CLI.run(["ci", "dsr", "--input", CLI.fixture("phe/testdata_DSR_ISR__testdata_multiarea.csv"), "--group-by", "area",
                                "--numerator", "count", "--denominator", "pop", "--age-band", "ageband"])
        #expect(dsr.status == 0, "\(dsr.stderr)")
        #expect((try dsr.line(1)).hasPrefix("testdata_big,895,8970,10430.24799146942"))
        let isr = try CLI.run(["ci", "isr", "--input", CLI.fixture("phe/testdata_DSR_ISR__testdata_multiarea_isr.csv"), "--group-by", "area",
                                "--count", "count", "--population", "pop", "--reference-numerator", "refcount",
                                "--reference-denominator", "refpop", "--statistic", "ratio"])
        #expect(isr.status == 0)
        #expect((try isr.line(1)).hasPrefix("testdata_big,895,835.88356123117"))
        // Observed totals from a separate file (PHStatsMethods ISR_obs).
        let obs = try CLI.run(["ci", "isr", "--input", CLI.fixture("phe/PHStatsMethods__testdata_ISR_obs__df.csv"),
                                "--group-by", "indicatorid,year,sex", "--population", "pop", "--reference-numerator", "refcount",
                                "--reference-denominator", "refpop", "--statistic", "ratio",
                                "--observed-totals", CLI.fixture("phe/PHStatsMethods__testdata_ISR_obs__obs.csv")])
        #expect(obs.status == 0, "\(obs.stderr)")
        #expect(obs.lines.count == 41)
        #expect(obs.lines.contains { $0.hasPrefix("1234,2006,Male,2441,1963.3746396066") })
    }
}
