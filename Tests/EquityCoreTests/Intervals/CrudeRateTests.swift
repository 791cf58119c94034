import Testing
@testable import EquityCore
import EquityTestSupport

/// Crude rates and Poisson limits against PHEindicatormethods v2.1 test workbooks and methods.md.
@Suite struct CrudeRateTests {
    let both = try! ConfidenceLevels([0.95, 0.998])

    /// methods.md §2 worked values.
    @Test func workedExamples() {
        let c95 = 0.95, z95 = Normal.criticalValue(confidence: 0.95)
        #expect(PoissonLimits.exactLower(0, confidence: c95) == 0)
        #expect(close(PoissonLimits.exactUpper(0, confidence: c95), 3.6888794541, relative: 1e-9))
        #expect(close(PoissonLimits.exactUpper(0, confidence: 0.998), 6.907755279, relative: 1e-9))
        #expect(close(PoissonLimits.exactLower(5, confidence: c95), 1.6234863901, relative: 1e-9))
        #expect(close(PoissonLimits.exactUpper(5, confidence: c95), 11.6683320793, relative: 1e-9))
        #expect(close(PoissonLimits.byarsLower(65, z: z95), 50.1631877105, relative: 1e-9))
        #expect(close(PoissonLimits.byarsUpper(65, z: z95), 82.8491385459, relative: 1e-9))
    }

    /// `phe/testdata_Rate__testdata_Rate.csv` (PHE testRates).
    @Test func pheRateWorkbook() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_Rate__testdata_Rate.csv"))
        let x = t.doubles("Numerator"), n = t.doubles("Denominator"), mult = t.doubles("multiplier")
        let value = t.doubles("value")
        let cols = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"].map { t.doubles($0) }
        let method = t.column("method"), stat = t.column("statistic")
        #expect(t.rows.count == 20)
        for i in 0..<t.rows.count {
            let rate = CrudeRate(confidence: both, multiplier: mult[i])
            let r = try rate.result(o: x[i], n: n[i])
            #expect(close(r.value, value[i], relative: 1e-9), "row \(i)")
            for k in 0..<4 {
                let got = k % 2 == 0 ? r.lower[k / 2] : r.upper[k / 2]
                #expect(close(got, cols[k][i], relative: 1e-9), "row \(i) col \(k)")
            }
            if !r.isMissing { #expect(r.method?.rawValue == method[i]) }
            #expect(rate.statistic == stat[i])
        }
    }

    /// Byar's rows of `phe/testdata_Byars_Wilson__testdata_B_W.csv` and `derived_ci_grid.csv`.
    @Test func byarsWorkbookAndGrid() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_Byars_Wilson__testdata_B_W.csv"))
        var byars = 0
        for row in t.rows where row[5] == "Byars" {
            byars += 1
            let z = Normal.criticalValue(confidence: row[4] == "95%" ? 0.95 : 0.998)
            let x = try number(row[0])
            if let lo = Double(row[2]) { #expect(close(PoissonLimits.byarsLower(x, z: z), lo, relative: 1e-9)) }
            #expect(close(PoissonLimits.byarsUpper(x, z: z), try number(row[3]), relative: 1e-9))
        }
        #expect(byars == 7)
        let g = try Fixtures.table(Fixtures.path("phe/derived_ci_grid.csv"))
        var n = 0
        for row in g.rows where row[0] == "byars_count" {
            let z = Normal.criticalValue(confidence: try number(row[3]))
            let x = try number(row[1])
            // The grid leaves Byar's lower limit blank where it is not a count (x = 1 at 99.8%).
            if let lower = Double(row[4]) { #expect(close(PoissonLimits.byarsLower(x, z: z), lower, relative: 1e-12)) }
            #expect(close(PoissonLimits.byarsUpper(x, z: z), try number(row[5]), relative: 1e-12))
            n += 1
        }
        #expect(n == 54)
    }

    @Test func errorsAndMissing() throws {
        let r = CrudeRate()
        #expect(throws: RowIssue.self) { try r.result(o: -1, n: 10) }
        #expect(throws: RowIssue.self) { try r.result(o: 1, n: 0) }
        #expect(try r.result(o: 250, n: 220).value > 100_000) // more events than population is allowed
        #expect(try r.result(o: .nan, n: 10).note == "numerator missing")
    }

    /// Properties: ordered, nested across levels, monotone in the count, continuous-ish at the
    /// exact/Byar's switch.
    @Test func properties() throws {
        let levels = try ConfidenceLevels([0.9, 0.95, 0.998])
        let rate = CrudeRate(confidence: levels, multiplier: 1)
        var previous: IntervalResult? = nil
        for o in 0...300 {
            let r = try rate.result(o: Double(o), n: 1)
            #expect(r.lower[0] <= Double(o) && Double(o) <= r.upper[0])
            #expect(r.lower[2] <= r.lower[1] && r.lower[1] <= r.lower[0])
            #expect(r.upper[0] <= r.upper[1] && r.upper[1] <= r.upper[2])
            if let p = previous {
                #expect(r.lower[1] > p.lower[1] || o == 0)
                #expect(r.upper[1] > p.upper[1])
            }
            previous = r
        }
    }
}
