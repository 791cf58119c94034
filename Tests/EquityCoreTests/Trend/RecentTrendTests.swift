import Testing
@testable import EquityCore
import EquityTestSupport

/// The Fingertips recent-trend test against `Fixtures/fingertips/trend_cases.csv`
/// (England 2020–2024 data from FingertipsNext's tests and the legacy platform's unit-test sets).
@Suite struct RecentTrendTests {
    struct Case {
        var name: String
        var polarity: Polarity
        var valueType: String
        var points: [RecentTrend.Point]
        var expected: String
    }

    static func cases() throws -> [Case] {
        let t = try Fixtures.table(Fixtures.path("fingertips/trend_cases.csv"))
        var order: [String] = [], byName: [String: Case] = [:]
        for row in t.rows {
            let d = Dictionary(uniqueKeysWithValues: zip(t.header, row))
            let name = try #require(d["case"])
            if byName[name] == nil {
                order.append(name)
                byName[name] = Case(name: name, polarity: try #require(Polarity(text: d["polarity"] ?? "")), valueType: try #require(d["value_type"]), points: [],
                                    expected: try #require(d["expected_trend"]))
            }
            func num(_ k: String) -> Double { Double(d[k] ?? "") ?? .nan }
            let year = try integer(d["year"])
            byName[name]?.points.append(.init(year: year, value: num("value"), lower: num("lower_ci95"), upper: num("upper_ci95"),
                                              count: num("count"), denominator: num("denominator")))
        }
        return order.compactMap { byName[$0] }
    }

    /// Runs a case the way `equity trend` does: proportions by the χ² test on counts, other
    /// supported value types by weighted regression on their 95% limits.
    static func run(_ c: Case) -> RecentTrend.Result {
        switch c.valueType {
        case "Proportion": return RecentTrend.compute(c.points, polarity: c.polarity, useCounts: true)
        case "Crude rate", "Directly standardised rate": return RecentTrend.compute(c.points, polarity: c.polarity, useCounts: false)
        default:
            return RecentTrend.Result(label: .cannotBeCalculated, chiSquared: .nan, slope: .nan, points: c.points.count,
                                      method: nil, significant: false, note: "value type not supported")
        }
    }

    @Test func everyCase() throws {
        let cases = try Self.cases()
        #expect(cases.count == 10)
        for c in cases {
            let r = Self.run(c)
            let e = c.expected
            if e.hasPrefix("significant; chi-squared") {
                #expect(r.significant, "\(c.name)")
                let digits = e.contains("(2 dp)") ? 100.0 : 10.0
                let printed = try number(e.split(separator: " ")[2])
                #expect((r.chiSquared * digits).rounded() / digits == printed, "\(c.name): χ² \(r.chiSquared)")
                #expect(r.label.rawValue == "Increasing", "\(c.name)")
            } else if e == "not significant" {
                #expect(!r.significant, "\(c.name)")
                #expect(r.label.rawValue == "No significant change", "\(c.name)")
            } else if c.name == "GpRegisteredPopulationOver65" {
                // FingertipsNext reports "No significant change" because it runs no test on a series
                // without confidence limits. By methods.md §4 this four-point series with 2022
                // missing (a break) cannot be calculated; Equity says so, with the reason.
                #expect(r.label.rawValue == "Cannot be calculated", "\(c.name)")
                #expect(r.note.contains("4 valid points"))
            } else {
                let label = e.split(separator: "(")[0].trimmingCharacters()
                #expect(r.label.rawValue == label, "\(c.name): \(r.label.rawValue) vs \(label)")
            }
        }
    }

    /// The current rule (FingertipsNext's trend analysis) on the new platform's England cases of
    /// `trend_cases.csv`: the published label for every supported value type, and "Cannot be
    /// calculated" for an indirectly standardised proportion.
    @Test func currentRuleOnTheNewPlatformCases() throws {
        var checked = 0
        for c in try Self.cases() where !c.name.hasPrefix("Legacy") && c.name != "GpRegisteredPopulationOver65" {
            let measure: RecentTrend.Measure = switch c.valueType {
            case "Proportion": .proportion
            case "Crude rate": .crudeRate
            case "Directly standardised rate": .directlyStandardisedRate
            default: .other
            }
            let r = RecentTrend.current(c.points, polarity: c.polarity, measure: measure, annual: true)
            let label = c.expected.split(separator: "(")[0].trimmingCharacters()
            #expect(r.label.rawValue == label, "\(c.name): \(r.label.rawValue) vs \(label)")
            if measure == .other { #expect(r.note == "the recent trend cannot be calculated for this value type") }
            checked += 1
        }
        #expect(checked == 5)
    }

    /// Today's rule takes the five most recent points that have counts, across a gap ("No
    /// significant change" or a trend where the legacy rule said "break"), and needs counts.
    @Test func currentRuleAcrossGapsAndWithoutCounts() {
        var gap: [RecentTrend.Point] = []
        for year in [2014, 2015, 2017, 2018, 2019] {
            let v = Double(year - 2000)
            gap.append(RecentTrend.Point(year: year, value: v, lower: v - 0.2, upper: v + 0.2, count: v * 10, denominator: 1000))
        }
        #expect(RecentTrend.compute(gap, polarity: .highIsGood, useCounts: false).label == .cannotBeCalculated)
        let across = RecentTrend.current(gap, polarity: .highIsGood, measure: .crudeRate, annual: true)
        #expect(across.label == .increasingBetter && across.points == 5)
        // Without counts: cannot be calculated today, while the legacy rule fits on the limits.
        let noCounts = gap.map { RecentTrend.Point(year: $0.year + ($0.year < 2016 ? 1 : 0), value: $0.value, lower: $0.lower, upper: $0.upper) }
        let legacy = RecentTrend.compute(noCounts.enumerated().map { RecentTrend.Point(year: 2015 + $0.offset, value: $0.element.value,
                                                                                        lower: $0.element.lower, upper: $0.element.upper) },
                                         polarity: .highIsGood, useCounts: false)
        #expect(legacy.label == .increasingBetter)
        let today = RecentTrend.current(noCounts, polarity: .highIsGood, measure: .crudeRate, annual: true)
        #expect(today.label == .cannotBeCalculated && today.note.contains("count"))
        // Multi-year periods and unsupported value types.
        #expect(RecentTrend.current(gap, polarity: .highIsGood, measure: .crudeRate, annual: false).label == .cannotBeCalculated)
        // A count equal to its denominator anywhere in the valid points.
        var full = gap
        full[0].count = full[0].denominator
        #expect(RecentTrend.current(full, polarity: .highIsGood, measure: .proportion, annual: true).note.hasPrefix("count equals"))
    }

    @Test func fewerThanFivePointsAndBreaks() {
        let p = (2016...2019).map { RecentTrend.Point(year: $0, value: 10, lower: 9, upper: 11) }
        #expect(RecentTrend.compute(p, polarity: .highIsGood, useCounts: false).label.rawValue == "Cannot be calculated")
        var gap: [RecentTrend.Point] = []
        for year in [2014, 2015, 2017, 2018, 2019] {
            let v = Double(year - 2000)
            gap.append(RecentTrend.Point(year: year, value: v, lower: v - 1, upper: v + 1))
        }
        let r = RecentTrend.compute(gap, polarity: .highIsGood, useCounts: false)
        #expect(r.label.rawValue == "Cannot be calculated")
        #expect(r.note.contains("break"))
        // Only the five most recent points are used.
        var long: [RecentTrend.Point] = []
        for year in 2010...2019 {
            let v: Double = year < 2015 ? 100 : Double(year)
            long.append(RecentTrend.Point(year: year, value: v, lower: v - 0.1, upper: v + 0.1))
        }
        let s = RecentTrend.compute(long, polarity: .lowIsGood, useCounts: false)
        #expect(s.label.rawValue == "Increasing and getting worse")
    }

    @Test func polarityLabels() {
        #expect(RecentTrend.label(increasing: true, polarity: .highIsGood).rawValue == "Increasing and getting better")
        #expect(RecentTrend.label(increasing: false, polarity: .highIsGood).rawValue == "Decreasing and getting worse")
        #expect(RecentTrend.label(increasing: true, polarity: .lowIsGood).rawValue == "Increasing and getting worse")
        #expect(RecentTrend.label(increasing: false, polarity: .lowIsGood).rawValue == "Decreasing and getting better")
        #expect(RecentTrend.label(increasing: true, polarity: .noJudgement).rawValue == "Increasing")
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
