import Testing
@testable import EquityCore
import EquityTestSupport

/// Life expectancy (Chiang II, Silcocks) against PHEindicatormethods v2.1 `testLifeExpectancy.R`
/// data frame `df1` and the worked values in methods.md (computed with qnorm(0.975)).
@Suite struct LifeExpectancyTests {
    static let pops: [Double] = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209,
                                 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]
    static let deaths: [Double] = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390,
                                   1605, 1936, 1937]

    func table(_ le: LifeExpectancy, deaths: [Double] = deaths, pops: [Double] = pops) -> [IntervalResult]? {
        if case let .table(rows) = le.compute(deaths: deaths, populations: pops) { return rows }
        return nil
    }

    @Test func workedExample() throws {
        let rows = try #require(table(try LifeExpectancy()))
        #expect(close(rows[0].value, 80.16960813, relative: 1e-9))
        let se = (rows[0].upper[0] - rows[0].value) / Normal.criticalValue(confidence: 0.95)
        #expect(close(se, 0.1463891073, relative: 1e-8))
        #expect(close(rows[0].lower[0], 79.88269075, relative: 1e-9))
        #expect(close(rows[0].upper[0], 80.45652551, relative: 1e-9))
        #expect(close(rows[19].value, 6.16210635, relative: 1e-8))
    }

    /// PHE's `answer1` values for every band (4 d.p.; its limits used z = 1.96, hence ~1e-5).
    @Test func allBandsAgainstPHE() throws {
        let value: [Double] = [80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088,
                               55.78835987, 50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842,
                               27.26027992, 22.9719144, 18.76856852, 14.95858336, 11.51684445, 8.618849241,
                               6.163942934, 6.16210635]
        let lower: [Double] = [79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577,
                               55.53801579, 50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318,
                               27.04337271, 22.76653134, 18.57570352, 14.77985004, 11.34831778, 8.451134045,
                               5.978358351, 5.887683386]
        let rows = try #require(table(try LifeExpectancy()))
        for i in 0..<20 {
            #expect(abs(rows[i].value - value[i]) < 5e-9, "band \(i)")
            #expect(abs(rows[i].lower[0] - lower[i]) < 2e-5, "band \(i)")
        }
    }

    @Test func suppressionRules() throws {
        let le = try LifeExpectancy()
        var d = Self.deaths; d[3] = -5
        #expect(le.compute(deaths: d, populations: Self.pops) == .suppressed("negative deaths in an age band"))
        var p = Self.pops; p[5] = 0
        #expect(le.compute(deaths: Self.deaths, populations: p) == .suppressed("population zero or less in an age band"))
        p = Self.pops; p[18] = 119
        #expect(le.compute(deaths: Self.deaths, populations: p) == .suppressed("more deaths than population in an age band"))
        #expect(le.compute(deaths: Array(Self.deaths.prefix(19)), populations: Array(Self.pops.prefix(19)))
                == .suppressed("expected 20 age bands, found 19"))
        // PHE df_low_pops: total population 2,681.
        let low: [Double] = [128, 152, 120, 176, 194, 180, 145, 149, 107, 185, 165, 109, 100, 122, 133, 189, 123, 121, 147, 138]
        let lowDeaths: [Double] = [58, 93, 78, 94, 59, 71, 80, 73, 69, 72, 91, 69, 78, 71, 54, 91, 82, 53, 50, 84]
        #expect(le.compute(deaths: lowDeaths, populations: low) == .suppressed("total population 5,000 or less"))
    }

    @Test func wideIntervalBlanksValueKeepsLimits() throws {
        // A small population with few deaths at old ages: the 90+ band's CI is wide.
        var p = Self.pops.map { $0 / 6 }
        var d = Self.deaths.map { ($0 / 6).rounded() }
        p[19] = 20; d[19] = 1
        let rows = try #require(table(try LifeExpectancy(), deaths: d, pops: p))
        #expect(rows[19].value.isNaN)
        #expect(!rows[19].lower[0].isNaN)
        #expect(rows[19].note.contains("wider than 20 years"))
    }

    /// Beyond PHE: a final 85+ band (19 bands) uses the same formulas with the open band at 85.
    @Test func finalBand85Plus() throws {
        let le = try LifeExpectancy(startAges: Array(LifeExpectancy.defaultStartAges.prefix(19)))
        var d = Array(Self.deaths.prefix(19)), p = Array(Self.pops.prefix(19))
        d[18] += Self.deaths[19]; p[18] += Self.pops[19]
        let rows = try #require(table(le, deaths: d, pops: p))
        #expect(rows.count == 19)
        // Merging the top two bands changes e0 only slightly; e85 is the open-band value 1/M.
        #expect(abs(rows[0].value - 80.16960813) < 0.5)
        #expect(close(rows[18].value, p[18] / d[18], relative: 1e-12))
    }
}
