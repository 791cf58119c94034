import Testing
import EquityCore

/// The change since the previous period: the difference of two independent estimates (Altman &
/// Bland 2003), against a hand computation, and the older overlap rule.
@Suite struct PeriodChangeTests {
    /// Luton, male life expectancy: 78.1 (77.4–78.8) in 2018-20, 77.0 (76.3–77.7) in 2020-22.
    /// se = 1.4/3.919928 = 0.357149 each; half-width of the difference's interval
    /// 1.959964 × √2 × 0.357149 = 0.98995; d = −1.1 → (−2.08995, −0.11005): significant. The
    /// intervals overlap (77.4 ≤ 77.7), so the older rule says "Comparable". The Luton table
    /// published "Significantly worse".
    @Test func lutonLifeExpectancy() throws {
        let c = try #require(PeriodChange.compute(latest: (77.0, 76.3, 77.7), previous: (78.1, 77.4, 78.8), polarity: .highIsGood))
        #expect(c.result == .significantlyWorse && c.result.rawValue == "Significantly worse")
        #expect(abs(c.difference + 1.1) < 1e-12)
        #expect(abs(c.lower - (-1.1 - 0.9899494936611666)) < 1e-12 && abs(c.upper - (-1.1 + 0.9899494936611666)) < 1e-12)
        let overlap = try #require(PeriodChange.compute(latest: (77.0, 76.3, 77.7), previous: (78.1, 77.4, 78.8), polarity: .highIsGood, test: .overlap))
        #expect(overlap.result == .noSignificantChange && overlap.result.rawValue == "Comparable")
        #expect(overlap.lower.isNaN)
    }

    @Test func directionsAndMissing() throws {
        let up = try #require(PeriodChange.compute(latest: (20, 19, 21), previous: (10, 9, 11), polarity: .lowIsGood))
        #expect(up.result == .significantlyWorse)
        #expect(PeriodChange.compute(latest: (20, 19, 21), previous: (10, 9, 11), polarity: .highIsGood)?.result.rawValue == "Significantly improving")
        #expect(PeriodChange.compute(latest: (20, 19, 21), previous: (10, 9, 11), polarity: .noJudgement)?.result == .significantlyHigher)
        #expect(PeriodChange.compute(latest: (10.5, 9, 12), previous: (10, 9, 11), polarity: .highIsGood)?.result == .noSignificantChange)
        #expect(PeriodChange.compute(latest: (10, .nan, 11), previous: (10, 9, 11), polarity: .highIsGood) == nil)
        #expect(PeriodChange.compute(latest: (10, 9, .infinity), previous: (10, 9, 11), polarity: .highIsGood) == nil)
    }
}
