import Foundation
import Testing
import EquityTestSupport

/// Issue 9, item 9: non-finite input is refused with FILE:LINE:COLUMN; undefined statistics are
/// empty cells with a true note; nothing hangs on enormous values; `inf`/`nan` never print.
@Suite struct NonFiniteTests {
    @Test(arguments: ["Inf", "-inf", "Infinity", "1e400", "-1e309"])
    func nonFiniteNumbersAreRefused(text: String) throws {
        let r = try CLI.run(["ci", "mean", "--input", "-", "--value", "x"], stdin: "a,x\nA,1\nB,\(text)\n")
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>:3:2: '\(text)' in column 'x' is not a finite number\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func indicatorDataRefusesInfinity() throws {
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,lowercl,uppercl\ni1,E1,2022,inf,1,2\n")
        let meta = try CLI.temporaryFile("indicator_id,name,value_type,multiplier,polarity,benchmark\ni1,I,score,1,high_is_good,ci95\n",
                                              name: "meta.csv")
        let r = try CLI.run(["trend", "--data", data, "--indicators", meta])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2:4: 'inf' in column 'value' is not a finite number"))
    }

    /// `funnel` hung forever on an enormous (or infinite) count: the Poisson sums now switch to
    /// the incomplete gamma function.
    @Test func funnelWithEnormousCountsFinishes() throws {
        let input = try CLI.temporaryFile("area,obs,exp\nA,1000000000000000,1000000000000000\nB,5,7\nC,30,20\n")
        let started = Date()
        let r = try CLI.run(["funnel", "--input", input, "--statistic", "ratio", "--numerator", "obs", "--denominator", "exp"])
        #expect(r.status == 0)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect((try r.line(1)) == "A,1000000000000000,1000000000000000,Not significant,")
    }

    /// Results too large to represent are empty with a note, never `inf`.
    @Test func overflowingRateIsEmptyWithANote() throws {
        let r = try CLI.run(["ci", "rate", "--input", "-", "--numerator", "x", "--denominator", "n"], stdin: "a,x,n\nA,3,1e-320\n")
        #expect(r.status == 0)
        #expect((try r.line(1)) == "A,3,1e-320,,,,95%,rate per 100000,,result too large to represent")
        #expect(!r.stdout.contains("inf"))
    }

    /// `gini` printed s80_s20 = inf when the poorest fifth had nothing.
    @Test func giniUndefinedSharesAreEmpty() throws {
        let r = try CLI.run(["gini", "--input", "-", "--value", "v"], stdin: "v\n0\n0\n0\n0\n0\n1\n2\n3\n4\n5\n")
        #expect(r.status == 0)
        #expect(!r.stdout.contains("inf"))
        #expect((try r.line(1)).hasSuffix(",,,theil_l and atkinson (ε ≥ 1) need values > 0; palma undefined: the poorest 40% have no share; s80_s20 undefined: the poorest 20% have no share"))
    }

    /// Subnormal values gave wrong indices; every index is scale-free, so 1–4 × 2⁻¹⁰⁷⁴ must give
    /// exactly what 1, 2, 3, 4 give.
    @Test func giniOfSubnormalValues() throws {
        let tiny = try CLI.run(["gini", "--input", "-", "--value", "v"], stdin: "v\n5e-324\n1e-323\n1.5e-323\n2e-323\n")
        let plain = try CLI.run(["gini", "--input", "-", "--value", "v"], stdin: "v\n1\n2\n3\n4\n")
        #expect(tiny.status == 0)
        #expect(tiny.stdout == plain.stdout)
        #expect((try plain.line(1)).hasPrefix("4,0.25,0.3333333333333333,"))
    }

    /// Life expectancy with no deaths in the final band printed `inf` limits with a note blaming
    /// "an interval wider than 20 years"; the whole table is undefined and the note says why.
    @Test func lifeExpectancyWithoutDeathsInTheFinalBand() throws {
        var text = "area,startage,deaths,population\n"
        for (k, age) in ([0, 1] + Array(stride(from: 5, through: 90, by: 5))).enumerated() {
            text += "A,\(age),\(k == 19 ? 0 : 10 + k),\(5000 + 100 * k)\n"
        }
        let r = try CLI.run(["ci", "life-expectancy", "--input", "-", "--group-by", "area", "--deaths", "deaths",
                                  "--population", "population", "--start-age", "startage", "--le-age", "0"], stdin: text)
        #expect(r.status == 0)
        #expect(r.lines.count == 2)
        #expect((try r.line(1)).hasSuffix(",no deaths in the final (open-ended) age band: life expectancy cannot be calculated"))
        #expect(!r.stdout.contains("inf"))
    }

    /// Near-constant values (0.3 against 0.30000000000000004) gave infinite local G z-scores; the
    /// statistic is undefined and says so.
    @Test func nearConstantValuesAreRefused() throws {
        var values = "id,v\n"
        var pairs = "a,b\n"
        for i in 0..<6 { values += "A\(i),\(i == 0 ? "0.30000000000000004" : "0.3")\n" }
        for i in 0..<5 { pairs += "A\(i),A\(i + 1)\n" }
        let input = try CLI.temporaryFile(values), adjacency = try CLI.temporaryFile(pairs, name: "pairs.csv")
        let r = try CLI.run(["getis-ord", "--input", input, "--id", "id", "--value", "v", "--adjacency", adjacency, "--local"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("equal to within rounding"))
        #expect(r.stdout.isEmpty)
    }
}
