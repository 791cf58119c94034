/// The indicator data format (binding; documented in the README):
///
/// - **Data**, long CSV: `indicator_id, area_code, period` required; optional `area_name`,
///   `area_type`, `sex`, `age`, `count`, `denominator`, `value`, `lowercl`, `uppercl` (95%),
///   `lower99_8cl`, `upper99_8cl`. Where limits are missing and counts are present, value and
///   limits are computed from the counts by the indicator's value type (proportions: Wilson;
///   crude rates: exact/Byar's; isr/ratio: count = observed, denominator = expected).
/// - **Indicators**, CSV: `indicator_id, name, value_type` (proportion, crude_rate, dsr, isr,
///   ratio, mean, life_expectancy, score), `multiplier, polarity` (high_is_good, low_is_good,
///   no_judgement, not_applicable), `benchmark` (ci95, ci998, two_level, quintiles, none),
///   optional `group`, `unit`.
/// - **Comparators**, CSV: `area_code, comparator, comparator_code` with comparator england,
///   region, parent or neighbours (one row per neighbour).
public final class IndicatorDataSet {
    public enum ValueType: String, Sendable, CaseIterable {
        case proportion
        case crudeRate = "crude_rate"
        case dsr, isr, ratio, mean
        case lifeExpectancy = "life_expectancy"
        case score
    }

    /// One indicator's metadata.
    public struct Indicator: Sendable {
        public var id: String
        public var name: String
        public var valueType: ValueType
        public var multiplier: Double
        public var polarity: Polarity
        public var benchmark: BenchmarkMethod
        public var group: String
        public var unit: String

        /// An indicator's metadata.
        public init(id: String, name: String, valueType: ValueType, multiplier: Double, polarity: Polarity,
                    benchmark: BenchmarkMethod, group: String = "", unit: String = "") {
            self.id = id
            self.name = name
            self.valueType = valueType
            self.multiplier = multiplier
            self.polarity = polarity
            self.benchmark = benchmark
            self.group = group
            self.unit = unit
        }
    }

    /// One data row as values (for reports and tests; the analysis reads the columns).
    public struct Row: Sendable {
        public var indicator: String
        public var area: String
        public var areaName: String
        public var areaType: String
        public var sex: String
        public var age: String
        public var period: String
        public var count: Double
        public var denominator: Double
        public var value: Double
        public var lower95: Double
        public var upper95: Double
        public var lower998: Double
        public var upper998: Double
        public var note: String
        public var line: Int
    }

    /// Every text (codes, names, periods) interned once.
    public let names = ByteInterner(capacity: 1 << 16)
    @exclusivity(unchecked) public var indicators: [String: Indicator] = [:]
    @exclusivity(unchecked) public var indicatorOrder: [String] = []
    /// Per row, columns: the indicator's position in `indicatorOrder`, interned texts, numbers.
    @exclusivity(unchecked) public var indicatorIndex: [Int32] = []
    @exclusivity(unchecked) public var area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = [], sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
    @exclusivity(unchecked) public var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
    @exclusivity(unchecked) public var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
    /// 0 none, 1 limits from counts (Wilson), 2 (Exact), 3 (Byars)
    @exclusivity(unchecked) public var noteCode: [UInt8] = []
    @exclusivity(unchecked) public var line: [Int32] = []
    /// comparator kind → area id → comparator area ids
    @exclusivity(unchecked) public var comparators: [String: [Int32: [Int32]]] = [:]
    @exclusivity(unchecked) public var dataFile = ""

    public init() {}

    public var rowCount: Int { area.count }

    package static let noteTexts = ["", "limits from counts (Wilson)", "limits from counts (Exact)", "limits from counts (Byars)"]

    public func row(_ i: Int) -> Row {
        Row(indicator: indicatorOrder[Int(indicatorIndex[i])], area: names.string(area[i]), areaName: names.string(areaName[i]),
            areaType: names.string(areaType[i]), sex: names.string(sex[i]), age: names.string(age[i]), period: names.string(period[i]),
            count: count[i], denominator: denominator[i], value: value[i], lower95: lower95[i], upper95: upper95[i],
            lower998: lower998[i], upper998: upper998[i], note: Self.noteTexts[Int(noteCode[i])], line: Int(line[i]))
    }

    // MARK: Periods

    /// The start year of a period label ("2018-20" → 2018, "2021/22" → 2021, "Dec-23" → 2023)
    /// and its span in years (3 for "2018-20", 1 otherwise).
    public static func periodYears(_ period: String) -> (start: Int, span: Int)? {
        let digits = period.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard let first = digits.first else { return nil }
        if first.count == 4, let y = Int(first) {
            if period.contains("-"), digits.count >= 2, let e = Int(digits[1]) {
                let end = digits[1].count == 2 ? (y / 100) * 100 + e : e
                if end > y { return (y, end - y + 1) }
            }
            return (y, 1)
        }
        if first.count == 2, let y = Int(first) { return (2000 + y, 1) }
        return nil
    }

    /// Sort key for periods: start year, then span, then text.
    public static func periodLess(_ a: String, _ b: String) -> Bool {
        let pa = periodYears(a), pb = periodYears(b)
        switch (pa, pb) {
        case let (x?, y?): return x.start != y.start ? x.start < y.start : (x.span != y.span ? x.span < y.span : a < b)
        case (nil, _?): return true
        case (_?, nil): return false
        default: return a < b
        }
    }
}
