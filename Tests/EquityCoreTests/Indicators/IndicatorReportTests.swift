import Testing
import EquityCore
import Equity
import EquityTestSupport

/// The report's typed rows for Luton (`Fixtures/luton_marmot`), checked against values read
/// straight from the fixture files and ranked here by hand.
@Suite struct IndicatorReportTests {
    static let dir = "luton_marmot/"

    static func report() throws -> IndicatorReport {
        let data = try IndicatorDataSet.load(data: Fixtures.path(dir + "data.csv"), indicators: Fixtures.path(dir + "indicators.csv"),
                                             comparators: Fixtures.path(dir + "comparators.csv"))
        return try IndicatorReport(analysis: IndicatorAnalysis(data), area: "E06000032")
    }

    @Test func oneLinePerIndicatorInFileOrder() throws {
        let report = try Self.report()
        let indicators = try Fixtures.table(Fixtures.path(Self.dir + "indicators.csv"))
        #expect(report.areaName == "Luton")
        #expect(report.lines.map(\.indicator.id) == indicators.column("indicator_id"))
        // Groups in first-seen order, each line under its own group.
        var seen: [String] = []
        for g in indicators.column("group") where !seen.contains(g) { seen.append(g) }
        #expect(report.groups.map(\.group) == seen)
        #expect(report.groups.allSatisfy { g in g.lines.allSatisfy { $0.indicator.group == g.group } })
    }

    /// Male life expectancy 2020-22: 77.0 (76.3–77.7) against England 78.9 (worse: the interval
    /// lies below), the East of England 79.8 (worse), and 15 neighbours of whom 10 are higher:
    /// rank 11 of 16 (high is good), neighbour average = mean of the 16 values.
    @Test func lifeExpectancyAgainstTheFixture() throws {
        let report = try Self.report()
        let le = try #require(report.lines.first { $0.indicator.id == "le_m" })
        #expect(le.indicator.polarity == .highIsGood)
        #expect(le.latest.period == "2020-22" && le.latest.value == 77 && le.latest.lower95 == 76.3 && le.latest.upper95 == 77.7)
        let england = try #require(le.latest[.england])
        #expect(england.value == 78.9 && england.code == "E92000001")
        #expect(england.outcome.result == .worse && england.outcome.rag == .red)
        let region = try #require(le.latest[.region])
        #expect(region.value == 79.8 && region.outcome.result == .worse)

        let data = try Fixtures.table(Fixtures.path(Self.dir + "data.csv"))
        let comparators = try Fixtures.table(Fixtures.path(Self.dir + "comparators.csv"))
        let neighbours = comparators.filter { $0["area_code"] == "E06000032" && $0["comparator"] == "neighbours" }.column("comparator_code")
        #expect(neighbours.count == 15)
        let rows = data.filter { $0["indicator_id"] == "le_m" && $0["period"] == "2020-22" }
        let value = Dictionary(uniqueKeysWithValues: zip(rows.column("area_code"), rows.doubles("value")))
        let group = try (["E06000032"] + neighbours).map { try #require(value[$0]) }
        #expect(group.count == 16)
        let higher = group.filter { $0 > 77 }.count
        #expect(higher == 10)
        let n = try #require(le.latest[.neighbours])
        #expect(n.rank == higher + 1 && n.rankOf == 16)
        #expect(le.latest.neighbourRankText == "11 of 16")
        #expect(close(n.value, group.reduce(0, +) / 16, relative: 1e-12))

        // The previous period, and the change between the two (95% intervals overlap or not).
        let previous = try #require(le.previous)
        #expect(previous.period == "2018-20" && previous.value == 78.1)
        // 78.1 (77.4–78.8) → 77.0 (76.3–77.7): the intervals overlap, but the difference −1.1 has 95%
        // interval −1.1 ± 1.96·√(0.357² + 0.357²) = (−2.09, −0.11): significantly worse (the published
        // Luton table says "Significantly worse").
        let change = try #require(le.latest.change)
        #expect(change.result == .significantlyWorse)
        #expect(close(change.difference, -1.1, relative: 1e-9) && change.upper < 0)
        #expect(le.trend?.label == .cannotBeCalculated)   // two points
    }

    /// The same table from rows added in memory: a proportion 30/100 (Wilson 95%: 21.894885–39.584855%, by the Wilson formula of methods.md §2)
    /// is worse than England's 50% (high is good) and ranks 2nd of 3 among itself and two
    /// neighbours (25%, 60%).
    @Test func inMemoryDataSet() throws {
        let set = IndicatorDataSet()
        try set.add(.init(id: "p", name: "Share", valueType: .proportion, multiplier: 100, polarity: .highIsGood, benchmark: .ci95))
        let wilson = try Proportion(multiplier: 100).result(x: 30, n: 100)
        try set.append(.init(indicator: "p", area: "A", areaName: "Alpha", period: "2024", count: 30, denominator: 100,
                             value: wilson.value, lower95: wilson.lower[0], upper95: wilson.upper[0]))
        for (code, v) in [("E92000001", 50.0), ("B", 25), ("C", 60)] {
            try set.append(.init(indicator: "p", area: code, period: "2024", value: v, lower95: v - 1, upper95: v + 1))
        }
        set.addComparator(.england, code: "E92000001", forArea: "A")
        set.addComparator(.neighbours, code: "B", forArea: "A")
        set.addComparator(.neighbours, code: "C", forArea: "A")
        let report = try IndicatorReport(analysis: IndicatorAnalysis(set), area: "A")
        let line = try #require(report.lines.first)
        #expect(report.areaName == "Alpha" && report.lines.count == 1)
        #expect(close(line.latest.lower95, 21.894885294932763, relative: 1e-9) && close(line.latest.upper95, 39.584854633346666, relative: 1e-9))
        #expect(line.latest[.england]?.outcome.rag == .red)
        #expect(line.latest.neighbourRankText == "2 of 3")
        #expect(throws: EquityError.self) { try set.append(.init(indicator: "q", area: "A", period: "2024", value: 1)) }
        #expect(throws: EquityError.self) { try set.append(.init(indicator: "p", area: "A", period: "2024", value: .infinity)) }
    }

    @Test func unknownAreaIsAnError() throws {
        let data = try IndicatorDataSet.load(data: Fixtures.path(Self.dir + "data.csv"), indicators: Fixtures.path(Self.dir + "indicators.csv"),
                                             comparators: nil)
        #expect(throws: EquityError.self) { try IndicatorReport(analysis: IndicatorAnalysis(data), area: "E99999999") }
    }
}
