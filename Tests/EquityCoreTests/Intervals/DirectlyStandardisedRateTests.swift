import Testing
@testable import EquityCore
import EquityTestSupport

/// DSR (Dobson) against PHEindicatormethods v2.1 `testdata_DSR_ISR` workbook and methods.md.
@Suite struct DirectlyStandardisedRateTests {
    let both = try! ConfidenceLevels([0.95, 0.998])

    func bands(area: String) throws -> [DirectlyStandardisedRate.Band] {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testdata_multiarea.csv"))
            .filter { $0["area"] == area }
        let x = t.doubles("count"), n = t.doubles("pop")
        return (0..<x.count).map { .init(events: x[$0], population: n[$0], standard: StandardPopulation.esp2013[$0]) }
    }

    /// `testresults_DSR.csv` rows for testdata_big/small/tiny at 100,000 and 10,000.
    @Test func pheResults() throws {
        let expected = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testresults_DSR.csv"))
        var checked = 0
        for row in expected.rows where ["testdata_big", "testdata_small", "testdata_tiny"].contains(row[0]) {
            let mult = row[8].hasSuffix("100000") ? 100_000.0 : 10_000
            let dsr = DirectlyStandardisedRate(confidence: both, multiplier: mult)
            let r = dsr.compute(try bands(area: row[0]))
            #expect(try r.totalCount == number(row[1]))
            #expect(try r.totalPopulation == number(row[2]))
            if row[3].isEmpty {
                #expect(r.interval.isMissing)
                #expect(r.interval.note.hasPrefix("dsr NA for total count < 10"))
            } else {
                let want = try row[3...7].map { try number($0) }
                let got = [r.interval.value, r.interval.lower[0], r.interval.upper[0], r.interval.lower[1], r.interval.upper[1]]
                for k in 0..<5 { #expect(close(got[k], want[k], relative: 1e-9), "\(row[0]) \(k)") }
                #expect(dsr.statistic == row[8])
            }
            checked += 1
        }
        #expect(checked == 6)
    }

    /// methods.md: DSR testdata "big" (ESP2013, O = 895).
    @Test func workedExample() throws {
        let r = DirectlyStandardisedRate().compute(try bands(area: "testdata_big"))
        #expect(close(r.interval.value, 10430.247991469423, relative: 1e-12))
        #expect(close(r.interval.lower[0], 9717.709067985681, relative: 1e-12))
        #expect(close(r.interval.upper[0], 11178.94091547925, relative: 1e-12))
    }

    /// `testdata_1976.csv` with its own standard (95% only: the workbook's 99.8% is ×10, see README).
    @Test func customStandardPopulation() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testdata_1976.csv"))
        let x = t.doubles("count"), n = t.doubles("pop"), w = t.doubles("esp1976")
        let b = (0..<x.count).map { DirectlyStandardisedRate.Band(events: x[$0], population: n[$0], standard: w[$0]) }
        let r = DirectlyStandardisedRate(multiplier: 100_000).compute(b)
        #expect(close(r.interval.value, 8592.097585022366, relative: 1e-9))
        #expect(close(r.interval.lower[0], 7991.160931442103, relative: 1e-9))
        #expect(close(r.interval.upper[0], 9225.253880318318, relative: 1e-9))
    }

    /// Non-independent events (PHE 2.1): `testdata_nonindepe.csv` holds, per band, the number of
    /// people with 1, 2, 3, 4 events (f1…f4); expected values printed to 8 decimals.
    @Test func nonIndependentEvents() throws {
        let data = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testdata_nonindepe.csv"))
        let expected = try Fixtures.table(Fixtures.path("phe/testdata_DSR_ISR__testresults_DSR.csv"))
            .filter { ($0["area"] ?? "").hasPrefix("testdata_nonind") }
        #expect(expected.rows.count == 4)
        for row in expected.rows {
            let t = data.filter { $0["area"] == row[0] }
            let n = t.doubles("pop")
            #expect(n.count == StandardPopulation.esp2013.count, "\(row[0]): one row per ESP2013 band")
            let f = (1...4).map { t.doubles("f\($0)") }
            var b: [DirectlyStandardisedRate.Band] = []
            for i in 0..<n.count {
                var e = 0.0, v = 0.0
                for k in 0..<4 where !f[k][i].isNaN {
                    e += Double(k + 1) * f[k][i]
                    v += Double(k + 1) * Double(k + 1) * f[k][i]
                }
                b.append(.init(events: e, population: n[i], standard: StandardPopulation.esp2013[i], varianceEvents: v))
            }
            let r = DirectlyStandardisedRate(confidence: both).compute(b, independent: false)
            #expect(try r.totalCount == number(row[1]))
            if row[3].isEmpty {
                #expect(r.interval.isMissing)
            } else {
                let want = try row[3...7].map { try number($0) }
                let got = [r.interval.value, r.interval.lower[0], r.interval.upper[0], r.interval.lower[1], r.interval.upper[1]]
                for k in 0..<5 { #expect(abs(got[k] - want[k]) < 5.1e-9, "\(row[0]) \(k): \(got[k]) vs \(want[k])") }
                #expect(r.interval.method?.rawValue == row[9])
            }
        }
    }

    @Test func zeroPopulationBandGivesReason() {
        var b = (0..<19).map { DirectlyStandardisedRate.Band(events: 10, population: 100, standard: StandardPopulation.esp2013[$0]) }
        b[3].population = 0
        let r = DirectlyStandardisedRate().compute(b)
        #expect(r.interval.isMissing)
        #expect(r.interval.note.contains("population is zero"))
    }

    @Test func ageBandLabels() {
        #expect(StandardPopulation.esp2013Band(label: "0-4") == 0)
        #expect(StandardPopulation.esp2013Band(label: "00-04") == 0)
        #expect(StandardPopulation.esp2013Band(label: "10 – 14") == 2)
        #expect(StandardPopulation.esp2013Band(label: "90+") == 18)
        #expect(StandardPopulation.esp2013Band(label: "91+") == nil)
        #expect(StandardPopulation.esp2013Band(label: "all ages") == nil)
    }
}
