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
    /// How an indicator's value is made, which decides how limits are built from counts and how
    /// the recent trend is tested (PHE, *Technical Guide: Confidence Intervals*).
    public enum ValueType: String, Sendable, CaseIterable {
        /// A proportion (Wilson limits from count and denominator).
        case proportion
        /// A crude rate (exact Poisson / Byar's limits).
        case crudeRate = "crude_rate"
        /// A directly standardised rate, an indirectly standardised ratio, a ratio, a mean.
        case dsr, isr, ratio, mean
        /// Life expectancy (Chiang II).
        case lifeExpectancy = "life_expectancy"
        /// A score with given limits.
        case score
    }

    /// One indicator's metadata.
    public struct Indicator: Sendable {
        /// The indicator's id (the data's `indicator_id`).
        public var id: String
        /// Its name as shown in tables.
        public var name: String
        /// How its values are made.
        public var valueType: ValueType
        /// The multiplier of proportions and rates (100 for per cent, 100,000 for per 100,000).
        public var multiplier: Double
        /// Whether high values are good, low values are good, or neither.
        public var polarity: Polarity
        /// How areas are compared with their comparators.
        public var benchmark: BenchmarkMethod
        /// The table group it is shown under ("" for none).
        public var group: String
        /// The unit shown beside its values.
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
        /// The indicator's id.
        public var indicator: String
        /// The area's code.
        public var area: String
        /// The area's name.
        public var areaName: String
        /// The area's type (areas of one type form quintiles together).
        public var areaType: String
        /// The sex ("" for persons or none).
        public var sex: String
        /// The age group ("" for none).
        public var age: String
        /// The period as written ("2020-22", "2021/22", …).
        public var period: String
        /// The count (numerator); NaN when not given.
        public var count: Double
        /// The denominator; NaN when not given.
        public var denominator: Double
        /// The value.
        public var value: Double
        /// The 95% limits.
        public var lower95: Double
        /// See `lower95`.
        public var upper95: Double
        /// The 99.8% limits (two-level benchmarking).
        public var lower998: Double
        /// See `lower998`.
        public var upper998: Double
        /// How the row's limits were made, when Equity made them ("limits from counts (Wilson)").
        public var note: String
        /// The row's line in the data file (0 for rows appended in memory).
        public var line: Int

        /// A row for ``IndicatorDataSet/append(_:)``: value and limits as published (compute them
        /// from counts with ``Proportion`` or ``CrudeRate`` first where needed).
        public init(indicator: String, area: String, areaName: String = "", areaType: String = "", sex: String = "", age: String = "",
                    period: String, count: Double = .nan, denominator: Double = .nan, value: Double, lower95: Double = .nan,
                    upper95: Double = .nan, lower998: Double = .nan, upper998: Double = .nan, note: String = "", line: Int = 0) {
            self.indicator = indicator
            self.area = area
            self.areaName = areaName
            self.areaType = areaType
            self.sex = sex
            self.age = age
            self.period = period
            self.count = count
            self.denominator = denominator
            self.value = value
            self.lower95 = lower95
            self.upper95 = upper95
            self.lower998 = lower998
            self.upper998 = upper998
            self.note = note
            self.line = line
        }
    }

    /// Every text (codes, names, periods) interned once.
    package let names = ByteInterner(capacity: 1 << 16)
    /// The indicators' metadata by id.
    @exclusivity(unchecked) public private(set) var indicators: [String: Indicator] = [:]
    /// The indicators' ids in the order they were listed (the report's order).
    @exclusivity(unchecked) public private(set) var indicatorOrder: [String] = []
    /// Per row, columns: the indicator's position in `indicatorOrder`, interned texts, numbers.
    @exclusivity(unchecked) package var indicatorIndex: [Int32] = []
    @exclusivity(unchecked) package var area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = [], sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
    @exclusivity(unchecked) package var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
    @exclusivity(unchecked) package var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
    /// 0 none, 1 limits from counts (Wilson), 2 (Exact), 3 (Byars)
    @exclusivity(unchecked) package var noteCode: [UInt8] = []
    @exclusivity(unchecked) package var line: [Int32] = []
    /// comparator kind → area id → comparator area ids
    @exclusivity(unchecked) package var comparators: [ComparatorKind: [Int32: [Int32]]] = [:]
    /// Where the rows came from, for messages ("data.csv", or "rows in memory").
    @exclusivity(unchecked) public var dataFile = "rows in memory"

    /// An empty data set: add indicators, rows and comparators in memory, or read the three files
    /// with `IndicatorDataSet.load(data:indicators:comparators:)` (module `Equity`).
    public init() {}

    /// The number of data rows.
    public var rowCount: Int { area.count }

    package static let noteTexts = ["", "limits from counts (Wilson)", "limits from counts (Exact)", "limits from counts (Byars)"]

    /// Adds an indicator's metadata; its id must be new.
    public func add(_ indicator: Indicator) throws {
        guard indicators[indicator.id] == nil else {
            throw EquityError.invalidArgument("indicator \(MessageText.quoted(indicator.id)) is added twice")
        }
        indicators[indicator.id] = indicator
        indicatorOrder.append(indicator.id)
    }

    /// Appends one data row; its indicator must have been added, and its numbers be finite or NaN
    /// (missing).
    public func append(_ row: Row) throws {
        guard let k = indicatorOrder.firstIndex(of: row.indicator) else {
            throw EquityError.invalidArgument("row for unknown indicator \(MessageText.quoted(row.indicator)) (add it first)")
        }
        for (name, x) in [("count", row.count), ("denominator", row.denominator), ("value", row.value), ("lower95", row.lower95),
                          ("upper95", row.upper95), ("lower998", row.lower998), ("upper998", row.upper998)] where x.isInfinite {
            throw EquityError.invalidArgument("\(name) of \(row.indicator) \(row.area) \(row.period) is not finite")
        }
        indicatorIndex.append(Int32(k))
        area.append(names.intern(row.area)); areaName.append(names.intern(row.areaName)); areaType.append(names.intern(row.areaType))
        sex.append(names.intern(row.sex)); age.append(names.intern(row.age)); period.append(names.intern(row.period))
        count.append(row.count); denominator.append(row.denominator); value.append(row.value)
        lower95.append(row.lower95); upper95.append(row.upper95); lower998.append(row.lower998); upper998.append(row.upper998)
        noteCode.append(0)
        line.append(Int32(clamping: row.line))
    }

    /// Declares `code` a comparator of `area` (one call per statistical neighbour).
    public func addComparator(_ kind: ComparatorKind, code: String, forArea area: String) {
        comparators[kind, default: [:]][names.intern(area), default: []].append(names.intern(code))
    }

    /// Row `i` as values.
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
