import Testing
import EquityCore

/// Every period form Fingertips writes, parsed to its first and last month (checked by hand:
/// month index = year × 12 + month − 1).
@Suite struct TimePeriodTests {
    static func m(_ year: Int, _ month: Int) -> Int { year * 12 + month - 1 }

    @Test(arguments: [
        ("2022", m(2022, 1), m(2022, 12)),
        ("2021/22", m(2021, 4), m(2022, 3)),
        ("2021/2022", m(2021, 4), m(2022, 3)),
        ("2018 - 20", m(2018, 1), m(2020, 12)),
        ("2018-20", m(2018, 1), m(2020, 12)),
        ("2018 - 2020", m(2018, 1), m(2020, 12)),
        ("2015/16 - 19/20", m(2015, 4), m(2020, 3)),
        ("2022 Q3", m(2022, 7), m(2022, 9)),
        ("2023/24 Q1", m(2023, 4), m(2023, 6)),
        ("2023/24 Q4", m(2024, 1), m(2024, 3)),
        ("Dec 2023", m(2023, 12), m(2023, 12)),
        ("December 2023", m(2023, 12), m(2023, 12)),
        ("Dec-23", m(2023, 12), m(2023, 12)),
        ("Jan 2023 - Dec 2023", m(2023, 1), m(2023, 12)),
        ("2022 Q4 - 2023 Q3", m(2022, 10), m(2023, 9)),
        ("2099 - 01", m(2099, 1), m(2101, 12)),
    ])
    func parses(_ text: String, _ first: Int, _ last: Int) throws {
        let p = try #require(TimePeriod.parse(text), "\(text)")
        #expect(p.firstMonth == first && p.lastMonth == last, "\(text): \(p.firstMonth)–\(p.lastMonth)")
        #expect(p.text == text)
    }

    @Test func academicYears() throws {
        let p = try #require(TimePeriod.parse("2022/23", yearStart: .academic))
        #expect(p.firstMonth == Self.m(2022, 9) && p.lastMonth == Self.m(2023, 8))
    }

    @Test func notPeriods() {
        for text in ["", "x", "20", "2022 Q5", "Decade 2020", "2020/21/22", "2020 - 2019", "Q3", "2022 - ab"] {
            #expect(TimePeriod.parse(text) == nil, "\(text)")
        }
    }

    /// Pooled five-year periods are five years long and order by their start: the bug was reading
    /// "2015/16 - 19/20" as a two-year span.
    @Test func lengthsAndOrder() throws {
        let pooled = try ["2013/14 - 17/18", "2014/15 - 18/19", "2015/16 - 19/20"].map { try #require(TimePeriod.parse($0)) }
        #expect(pooled.allSatisfy { $0.months == 60 })
        #expect(pooled == pooled.sorted())
        #expect(pooled[0].overlaps(pooled[1]))
        let mixed = try ["2023/24 Q1", "2022/23", "2023", "Dec 2022", "2022 Q4"].map { try #require(TimePeriod.parse($0)) }.sorted()
        #expect(mixed.map(\.text) == ["2022/23", "2022 Q4", "Dec 2022", "2023", "2023/24 Q1"])
    }
}
