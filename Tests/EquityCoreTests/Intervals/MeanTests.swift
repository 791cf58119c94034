import Testing
@testable import EquityCore
import EquityTestSupport

/// Means with t limits against PHEindicatormethods v2.1 `testdata_Mean` workbook.
@Suite struct MeanTests {
    @Test func pheResults() throws {
        let data = try Fixtures.table(Fixtures.path("phe/testdata_Mean__testdata_Mean.csv"))
        let expected = try Fixtures.table(Fixtures.path("phe/testdata_Mean__testdata_Mean_results.csv"))
        let m = MeanInterval(confidence: try ConfidenceLevels([0.95, 0.998]))
        #expect(expected.rows.count == 3)
        for row in expected.rows {
            let values = row[0] == "No grouping" ? data.doubles("values") : data.filter { $0["area"] == row[0] }.doubles("values")
            #expect(!values.isEmpty, "\(row[0])")
            let r = m.compute(values)
            #expect(close(r.sum, try number(row[1]), relative: 1e-12))
            #expect(try r.count == integer(row[2]))
            #expect(close(r.standardDeviation, try number(row[3]), relative: 1e-9))
            let want = try row[4...8].map { try number($0) }
            let got = [r.interval.value, r.interval.lower[0], r.interval.upper[0], r.interval.lower[1], r.interval.upper[1]]
            for k in 0..<5 { #expect(close(got[k], want[k], relative: 1e-9), "\(row[0]) \(k)") }
            #expect(r.interval.method?.rawValue == row[10])
        }
    }

    /// Issue 9, item 13: PHE's `phe_mean` returns NA for a group with a missing value (its sums
    /// have no na.rm); Equity dropped the value silently. Now it follows PHE unless asked.
    @Test func tooFewAndMissingValues() {
        let m = MeanInterval()
        #expect(m.compute([3]).interval.isMissing)
        let phe = m.compute([1, .nan, 3])
        #expect(phe.interval.isMissing && phe.sum.isNaN && phe.count == 3)
        #expect(phe.interval.note == "1 missing value: mean not calculated (as PHE)")
        let dropped = MeanInterval(dropMissing: true).compute([1, .nan, 3])
        #expect(dropped.count == 2 && dropped.interval.value == 2)
        #expect(dropped.interval.note == "1 missing value left out")
    }
}
