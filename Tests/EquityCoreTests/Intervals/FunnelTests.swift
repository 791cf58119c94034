import Testing
@testable import EquityCore
import EquityTestSupport

/// Funnel plots against PHEindicatormethods v2.1 / PHStatsMethods funnel fixtures. Plotted
/// limits are printed to ~10 significant digits (PHE's bisection stops at 1e-7), so they are
/// compared to 1e-8 relative (proportions: 1e-6, printed to 6 decimals).
@Suite struct FunnelTests {
    func table(_ name: String) throws -> Fixtures.Table { try Fixtures.table(Fixtures.path("phe/" + name)) }

    @Test func proportionSignificance() throws {
        let t = try table("testdata_funnel_prop_inputs.csv")
        let x = t.doubles("numerator"), n = t.doubles("denominator"), want = t.column("significance")
        let av = x.reduce(0, +) / n.reduce(0, +)
        for i in 0..<x.count {
            #expect(Funnel.proportionSignificance(x: x[i], n: n[i], average: av).rawValue == want[i], "row \(i)")
        }
        #expect(x.count == 303)
    }

    @Test(arguments: [("testdata_funnel_prop_outputs.csv", false), ("testdata_funnel_prop_outputs_with_axis_variation.csv", true)])
    func proportionLimits(file: String, subset: Bool) throws {
        let input = try table("testdata_funnel_prop_inputs.csv")
        var x = input.doubles("numerator"), n = input.doubles("denominator")
        if subset {
            let keep = n.indices.filter { n[$0] < 31000 }
            x = keep.map { x[$0] }; n = keep.map { n[$0] }
        }
        let limits = Funnel.proportionLimits(numerators: x, denominators: n, multiplier: 100)
        let want = try table(file)
        let names = ["Population", "Lower2s0025limit", "Upper2s0025limit", "Lower3s0001limit", "Upper3s0001limit", "Baseline"]
        for (k, name) in names.enumerated() {
            let expected = want.doubles(name)
            try #require(expected.count == 100 && limits.values[k].count == 100)
            for i in 0..<100 {
                #expect(close(limits.values[k][i], expected[i], relative: 1e-6, absolute: 1e-6), "\(file) \(name) row \(i)")
            }
        }
    }

    @Test func ratioLimitsAndSignificance() throws {
        let input = try table("testdata_funnel_ratio_inputs.csv")
        let o = input.doubles("obs"), e = input.doubles("expected"), sig = input.column("significance")
        #expect(o.count == 300)
        for i in 0..<o.count {
            #expect(Funnel.poissonSignificance(observed: o[i], expected: e[i], reference: 1).rawValue == sig[i], "row \(i)")
        }
        let want = try table("testdata_funnel_ratio_outputs.csv")
        let count = Funnel.ratioLimits(observed: o, expected: e, type: .count)
        let isr = Funnel.ratioLimits(observed: o, expected: e, type: .isr)
        let obsColumn = want.header[0] // the workbook's header carries a line break
        let checks: [(String, [Double])] = [
            (obsColumn, count.values[0]), ("lower_2s_exp_events", count.values[1]), ("lower_2s_count", count.values[2]),
            ("lower_2s_isr", isr.values[2]), ("upper_2s_exp_events", count.values[3]), ("upper_2s_count", count.values[4]),
            ("upper_2s_isr", isr.values[4]), ("lower_3s_exp_events", count.values[5]), ("lower_3s_count", count.values[6]),
            ("lower_3s_isr", isr.values[6]), ("upper_3s_exp_events", count.values[7]), ("upper_3s_count", count.values[8]),
            ("upper_3s_isr", isr.values[8]),
        ]
        var checked = 0
        for (name, got) in checks {
            let expected = want.doubles(name)
            try #require(got.count >= expected.count, "\(name)")
            for i in 0..<expected.count where !expected[i].isNaN {
                #expect(close(got[i], expected[i], relative: 2e-8, absolute: 1e-9), "\(name) row \(i): \(got[i]) vs \(expected[i])")
                checked += 1
            }
        }
        #expect(checked == 1300)
    }

    /// `testdata_funnel_rate_outputs.csv`: DSRs per 100,000 over 3 years of data.
    @Test func rateLimits() throws {
        let input = try table("testdata_funnel_rate_input_funnels.csv")
        let limits = Funnel.rateLimits(events: input.doubles("ev"), rates: input.doubles("rate"), populations: input.doubles("pop"),
                                       type: .dsr, multiplier: 100_000, yearsOfData: 3)
        let want = try table("testdata_funnel_rate_outputs.csv")
        #expect(limits.statistic == want.column("statistic")[0])
        for (k, name) in limits.columns.enumerated() {
            let expected = want.doubles(name)
            try #require(expected.count == 100 && limits.values[k].count == 100, "\(name)")
            for i in 0..<100 {
                #expect(close(limits.values[k][i], expected[i], relative: 2e-8), "\(name) row \(i): \(limits.values[k][i]) vs \(expected[i])")
            }
        }
    }

    /// `testdata_funnel_rate_dsr_inputs.csv`: significance of DSRs and crude rates per 100,000
    /// and per 100, with and without an area with no events.
    @Test func rateSignificance() throws {
        let t = try table("testdata_funnel_rate_dsr_inputs.csv")
        let ev = t.doubles("count"), dsr = t.doubles("rate_dsr"), pop = t.doubles("pop")
        let crude100k = t.doubles("rate_crude_per_100000"), crude100 = t.doubles("rate_crude_per_100")
        for withZero in [true, false] {
            let keep = ev.indices.filter { withZero || ev[$0] != 0 }
            let suffix = withZero ? "with_0" : "without_0"
            let cases: [(String, [Double], Funnel.RateType, Double)] = [
                ("dsr_per_100000", dsr, .dsr, 100_000), ("dsr_per_100", dsr.map { $0 / 1000 }, .dsr, 100),
                ("crude_per_100000", crude100k, .crude, 100_000), ("crude_per_100", crude100, .crude, 100),
            ]
            for (name, rates, type, mult) in cases {
                let got = Funnel.rateSignificance(events: keep.map { ev[$0] }, rates: keep.map { rates[$0] },
                                                  populations: keep.map { pop[$0] }, type: type, multiplier: mult)
                let want = t.column("\(name)_\(suffix)")
                for (k, i) in keep.enumerated() {
                    #expect(got[k].rawValue == want[i], "\(name)_\(suffix) row \(i)")
                }
            }
        }
    }
}
