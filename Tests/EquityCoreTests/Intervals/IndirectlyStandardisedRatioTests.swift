import Testing
@testable import EquityCore
import EquityTestSupport

/// ISR / ratios against PHEindicatormethods v2.1 `testdata_DSR_ISR` and PHStatsMethods ISR_obs.
@Suite struct IndirectlyStandardisedRatioTests {
    let both = try! ConfidenceLevels([0.95, 0.998])

    func bands(area: String) throws -> [IndirectlyStandardised.Band] {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testdata_multiarea_isr.csv"))
            .filter { $0["area"] == area }
        let x = t.doubles("count"), n = t.doubles("pop"), rx = t.doubles("refcount"), rn = t.doubles("refpop")
        return (0..<x.count).map { .init(count: x[$0], population: n[$0], referenceCount: rx[$0], referencePopulation: rn[$0]) }
    }

    /// `testresults_ISR.csv`: rates per 100,000 and 1,000, ratios ×1 and ×100 (first 12 rows).
    @Test func pheResults() throws {
        let expected = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testresults_ISR.csv"))
        #expect(expected.rows.count == 16)
        var checked = 0
        for row in expected.rows.prefix(12) {
            checked += 1
            let stat = row[9]
            let kind: IndirectlyStandardised.Kind = stat.contains("ratio") ? .ratio : .rate
            let mult = try number(stat.split(separator: " ").last)
            let isr = IndirectlyStandardised(kind: kind, confidence: both, multiplier: mult)
            let r = isr.compute(try bands(area: row[0]))
            #expect(isr.statistic == stat)
            #expect(try r.observed == number(row[1]))
            #expect(close(r.expected, try number(row[2]), relative: 1e-12))
            if kind == .rate { #expect(close(r.referenceRate, try number(row[3]), relative: 1e-12)) }
            let want = try row[4...8].map { try number($0) }
            let got = [r.interval.value, r.interval.lower[0], r.interval.upper[0], r.interval.lower[1], r.interval.upper[1]]
            for k in 0..<5 { #expect(close(got[k], want[k], relative: 1e-9), "\(row[0]) \(stat) \(k)") }
            #expect(r.interval.method?.rawValue == row[10])
        }
        #expect(checked == 12)
    }

    /// methods.md: ISR ratio (O = 895, E = 835.8835612311743).
    @Test func workedExample() throws {
        let r = IndirectlyStandardised(kind: .ratio).compute(try bands(area: "testdata_big"))
        #expect(close(r.expected, 835.8835612311743, relative: 1e-13))
        #expect(close(r.interval.value, 1.0707232939020275, relative: 1e-12))
        #expect(close(r.interval.lower[0], 1.0017147712553987, relative: 1e-12))
        #expect(close(r.interval.upper[0], 1.143233287249895, relative: 1e-12))
    }

    /// PHStatsMethods `testdata_ISR_obs`: ratios with observed totals given separately, per
    /// indicator/year/sex.
    @Test func observedTotals() throws {
        let df = try Fixtures.table(Fixtures.path("phe/PHStatsMethods__testdata_ISR_obs__df.csv"))
        let results = try Fixtures.table(Fixtures.path("phe/PHStatsMethods__testdata_ISR_obs__obs_results.csv"))
        let isr = IndirectlyStandardised(kind: .ratio)
        for row in results.rows {
            let t = df.filter { $0["indicatorid"] == row[0] && $0["year"] == row[1] && $0["sex"] == row[2] }
            #expect(t.rows.count >= 19, "\(row[0]) \(row[1]) \(row[2]): age bands")
            let x = t.doubles("obs"), n = t.doubles("pop"), rx = t.doubles("refcount"), rn = t.doubles("refpop")
            let b = (0..<n.count).map { IndirectlyStandardised.Band(count: x[$0], population: n[$0], referenceCount: rx[$0], referencePopulation: rn[$0]) }
            let r = isr.compute(b, observed: try number(row[3]))
            #expect(close(r.expected, try number(row[4]), relative: 1e-9))
            #expect(close(r.interval.value, try number(row[5]), relative: 1e-9))
            #expect(close(r.interval.lower[0], try number(row[6]), relative: 1e-9))
            #expect(close(r.interval.upper[0], try number(row[7]), relative: 1e-9))
        }
        #expect(results.rows.count == 40)
    }
}
