import Testing
@testable import EquityCore
import EquityTestSupport

/// Wilson score limits against PHEindicatormethods v2.1 test workbooks and methods.md.
@Suite struct WilsonTests {
    let both = try! ConfidenceLevels([0.95, 0.998])

    /// methods.md §2 worked value: Wilson 81/100.
    @Test func workedExample() throws {
        let r = try Proportion(confidence: both).result(x: 81, n: 100)
        #expect(close(r.lower[0], 0.7222115462, relative: 1e-9))
        #expect(close(r.upper[0], 0.8748524849, relative: 1e-9))
        #expect(close(r.lower[1], 0.664040685, relative: 1e-9))
        #expect(close(r.upper[1], 0.9019133339, relative: 1e-9))
    }

    /// `phe/testdata_Proportion__testdata_Prop.csv` (PHE testProportions): both levels, both
    /// multipliers, missing numerators/denominators kept with a note.
    @Test func pheProportionWorkbook() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_Proportion__testdata_Prop.csv"))
        let x = t.doubles("Numerator"), n = t.doubles("Denominator"), mult = t.doubles("multiplier")
        let value = t.doubles("value")
        let cols = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"].map { t.doubles($0) }
        let stat = t.column("statistic")
        #expect(t.rows.count == 19)
        for i in 0..<t.rows.count {
            let p = Proportion(confidence: both, multiplier: mult[i])
            let r = try p.result(x: x[i], n: n[i])
            #expect(close(r.value, value[i], relative: 1e-9), "row \(i)")
            #expect(close(r.lower[0], cols[0][i], relative: 1e-9), "row \(i)")
            #expect(close(r.upper[0], cols[1][i], relative: 1e-9), "row \(i)")
            #expect(close(r.lower[1], cols[2][i], relative: 1e-9), "row \(i)")
            #expect(close(r.upper[1], cols[3][i], relative: 1e-9), "row \(i)")
            #expect(p.statistic == stat[i])
            #expect(r.isMissing == value[i].isNaN)
            if r.isMissing { #expect(!r.note.isEmpty) }
        }
    }

    /// `phe/testdata_Byars_Wilson__testdata_B_W.csv` Wilson rows (including x = 0.445 of n = 1).
    @Test func pheByarsWilsonWorkbook() throws {
        let t = try Fixtures.table(Fixtures.path("phe/testdata_Byars_Wilson__testdata_B_W.csv"))
        var checked = 0
        for row in t.rows where row[5] == "Wilson" {
            let c = row[4] == "95%" ? 0.95 : 0.998
            let (lo, hi) = Wilson.interval(x: try number(row[0]), n: try number(row[1]), z: Normal.criticalValue(confidence: c))
            #expect(close(lo, try number(row[2]), relative: 1e-9))
            #expect(close(hi, try number(row[3]), relative: 1e-9))
            checked += 1
        }
        #expect(checked == 6)
    }

    /// `phe/derived_ci_grid.csv` Wilson rows (R), 1e-12.
    @Test func derivedGrid() throws {
        let t = try Fixtures.table(Fixtures.path("phe/derived_ci_grid.csv"))
        var n = 0
        for row in t.rows where row[0] == "wilson_proportion" {
            let (lo, hi) = Wilson.interval(x: try number(row[1]), n: try number(row[2]),
                                           z: Normal.criticalValue(confidence: try number(row[3])))
            #expect(close(lo, try number(row[4]), relative: 1e-12, absolute: 1e-300))
            #expect(close(hi, try number(row[5]), relative: 1e-12))
            n += 1
        }
        #expect(n == 28)
    }

    @Test func errors() {
        let p = Proportion()
        #expect(throws: RowIssue.self) { try p.result(x: -1, n: 10) }
        #expect(throws: RowIssue.self) { try p.result(x: 1, n: 0) }
        #expect(throws: RowIssue.self) { try p.result(x: 11, n: 10) }
        #expect((try? p.result(x: .nan, n: 10))?.note == "numerator missing")
    }

    /// Properties: limits ordered and inside [0, 1], nested across levels, monotone in x.
    @Test func properties() throws {
        var rng = TestRNG(seed: 7)
        let levels = try ConfidenceLevels([0.8, 0.95, 0.998])
        for _ in 0..<2000 {
            let n = Double(1 + rng.next() % 10_000)
            let x = Double(rng.next() % UInt64(n + 1))
            let r = try Proportion(confidence: levels).result(x: x, n: n)
            for k in 0..<3 {
                #expect(r.lower[k] <= r.value && r.value <= r.upper[k])
                #expect(r.lower[k] >= 0 && r.upper[k] <= 1)
            }
            #expect(r.lower[2] <= r.lower[1] && r.lower[1] <= r.lower[0])
            #expect(r.upper[0] <= r.upper[1] && r.upper[1] <= r.upper[2])
            if x < n {
                let s = try Proportion(confidence: levels).result(x: x + 1, n: n)
                #expect(s.lower[1] >= r.lower[1] && s.upper[1] >= r.upper[1])
            }
        }
    }
}
