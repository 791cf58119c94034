/// Indicator values for areas and periods, with each indicator's metadata and each area's
/// comparators: the input of ``IndicatorAnalysis``.
///
/// The files it is read from (module `Equity`, `IndicatorDataSet.load`) are documented in the
/// README: a Fingertips export as downloaded (website/API CSV, fingertipsR or R-mangled column
/// names) or Equity's own long CSV; an optional metadata file (polarity, value type, unit,
/// decimals, benchmark method) for what exports lack; an optional comparators file (statistical
/// neighbours and other groups).
///
/// A series is an indicator for one area, sex, age and category (Fingertips' `Category Type` /
/// `Category` dimension; the area's headline row has none). Columns are kept per row as interned
/// texts and numbers so that millions of rows fit and sort quickly.
public final class IndicatorDataSet {
    /// How an indicator's value is made, which decides how limits are built from counts and
    /// whether today's recent-trend rule applies (PHE, *Technical Guide: Confidence Intervals*).
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
        /// Not stated (exports carry no value type): no limits are built and today's trend rule
        /// cannot be applied.
        case unknown

        /// Reads the metadata spellings and Fingertips' names ("Crude rate", "Directly
        /// standardised rate", "Proportion", "Indirectly standardised ratio", "Life expectancy").
        public init?(text: String) {
            let t = text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ").trimmingSpaces()
            if let exact = ValueType(rawValue: text.lowercased()) { self = exact; return }
            switch t {
            case "proportion", "percentage": self = .proportion
            case "crude rate", "rate": self = .crudeRate
            case "directly standardised rate", "directly age standardised rate", "dsr": self = .dsr
            case "indirectly standardised ratio", "indirectly age standardised ratio", "standardised ratio",
                 "indirectly standardised rate", "isr", "smr": self = .isr
            case "ratio": self = .ratio
            case "mean": self = .mean
            case "life expectancy": self = .lifeExpectancy
            case "score", "count": self = .score
            case "", "unknown": self = .unknown
            default: return nil
            }
        }

        /// The measure today's recent-trend rule knows.
        public var trendMeasure: RecentTrend.Measure {
            switch self {
            case .proportion: return .proportion
            case .crudeRate: return .crudeRate
            case .dsr: return .directlyStandardisedRate
            default: return .other
            }
        }
    }

    /// One indicator's metadata.
    public struct Indicator: Sendable {
        /// The indicator's id (the data's `indicator_id` / `Indicator ID`).
        public var id: String
        /// Its name as shown in tables.
        public var name: String
        /// How its values are made.
        public var valueType: ValueType
        /// The multiplier of proportions and rates (100 for per cent, 100,000 for per 100,000).
        public var multiplier: Double
        /// Whether high values are good, low values are good, or neither.
        public var polarity: Polarity
        /// Whether the polarity was given (exports do not carry it; without it areas are rated
        /// Higher/Lower/Similar with no judgement).
        public var polarityKnown: Bool
        /// How areas are compared with their comparators.
        public var benchmark: BenchmarkMethod
        /// The table group it is shown under ("" for none).
        public var group: String
        /// The unit shown beside its values.
        public var unit: String
        /// Decimal places for display (nil: the report's default, 1 decimal).
        public var decimals: Int?
        /// When `YYYY/YY` periods start (financial unless stated).
        public var yearStart: TimePeriod.YearStart

        /// An indicator's metadata.
        public init(id: String, name: String, valueType: ValueType, multiplier: Double, polarity: Polarity,
                    benchmark: BenchmarkMethod, group: String = "", unit: String = "", decimals: Int? = nil,
                    polarityKnown: Bool = true, yearStart: TimePeriod.YearStart = .financial) {
            self.id = id
            self.name = name
            self.valueType = valueType
            self.multiplier = multiplier
            self.polarity = polarity
            self.polarityKnown = polarityKnown
            self.benchmark = benchmark
            self.group = group
            self.unit = unit
            self.decimals = decimals
            self.yearStart = yearStart
        }

        /// Metadata for an indicator found only in the data: its name, unknown value type and
        /// polarity (rated without judgement), 95% benchmarking.
        public static func unstated(id: String, name: String) -> Indicator {
            Indicator(id: id, name: name.isEmpty ? id : name, valueType: .unknown, multiplier: 1, polarity: .noJudgement,
                      benchmark: .ci95, polarityKnown: false)
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
        /// The sex ("" for none).
        public var sex: String
        /// The age group ("" for none).
        public var age: String
        /// The category type ("" for the headline row; e.g. "County & UA deprivation deciles").
        public var categoryType: String
        /// The category within it ("" for the headline row; e.g. "Most deprived decile").
        public var category: String
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
        /// The publisher's note on the value ("Value suppressed …", "Aggregated from …").
        public var valueNote: String
        /// How Equity treated the row ("limits from counts (Wilson)", "code trimmed", …).
        public var note: String
        /// The row's line in the data file (0 for rows appended in memory).
        public var line: Int

        /// A row for ``IndicatorDataSet/append(_:)``: value and limits as published (compute them
        /// from counts with ``Proportion`` or ``CrudeRate`` first where needed).
        public init(indicator: String, area: String, areaName: String = "", areaType: String = "", sex: String = "", age: String = "",
                    categoryType: String = "", category: String = "", period: String, count: Double = .nan, denominator: Double = .nan,
                    value: Double, lower95: Double = .nan, upper95: Double = .nan, lower998: Double = .nan, upper998: Double = .nan,
                    valueNote: String = "", note: String = "", line: Int = 0) {
            self.indicator = indicator
            self.area = area
            self.areaName = areaName
            self.areaType = areaType
            self.sex = sex
            self.age = age
            self.categoryType = categoryType
            self.category = category
            self.period = period
            self.count = count
            self.denominator = denominator
            self.value = value
            self.lower95 = lower95
            self.upper95 = upper95
            self.lower998 = lower998
            self.upper998 = upper998
            self.valueNote = valueNote
            self.note = note
            self.line = line
        }
    }

    /// Every text (codes, names, periods) interned once.
    package let names = ByteInterner(capacity: 1 << 16)
    /// The indicators' metadata by id.
    @exclusivity(unchecked) public package(set) var indicators: [String: Indicator] = [:]
    /// The indicators' ids in the order they were listed (the report's order).
    @exclusivity(unchecked) public package(set) var indicatorOrder: [String] = []
    /// Per row, columns: the indicator's position in `indicatorOrder`, interned texts, numbers.
    @exclusivity(unchecked) package var indicatorIndex: [Int32] = []
    @exclusivity(unchecked) package var area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = [], sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
    @exclusivity(unchecked) package var categoryType: [Int32] = [], category: [Int32] = [], valueNote: [Int32] = [], parentCode: [Int32] = []
    /// The published Fingertips labels of the row ("Compared to England/<parent> value or
    /// percentiles"), interned; the empty text when the export has none.
    @exclusivity(unchecked) package var publishedEngland: [Int32] = [], publishedParent: [Int32] = []
    @exclusivity(unchecked) package var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
    @exclusivity(unchecked) package var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
    /// A bit set of `RowNote`s.
    @exclusivity(unchecked) package var noteCode: [UInt8] = []
    @exclusivity(unchecked) package var line: [Int32] = []
    /// comparator kind → area id → comparator area ids
    @exclusivity(unchecked) package var comparators: [ComparatorKind: [Int32: [Int32]]] = [:]
    /// Where the rows came from, for messages ("data.csv", or "rows in memory").
    @exclusivity(unchecked) public var dataFile = "rows in memory"
    /// Whether the rows came from a Fingertips export (published values are never rebuilt).
    @exclusivity(unchecked) public var isFingertipsExport = false
    /// The export's name for its parent comparison ("Region", "Counties & UAs (from Apr 2023)", …).
    @exclusivity(unchecked) public var parentHeading = ""
    /// Which comparator the export's `Parent Code` (and its published parent label) stands for:
    /// `.region` when the parents are regions (E12…), `.parent` otherwise; nil without parents.
    @exclusivity(unchecked) public var parentKind: ComparatorKind?

    /// What reading the files matched nothing, assumed or adjusted (one line each, for stderr).
    @exclusivity(unchecked) public package(set) var warnings: [String] = []
    /// Indicators found in the data but not in the metadata.
    @exclusivity(unchecked) package var unlistedIndicators: [String] = []
    /// (comparator kind, area) pairs the comparators file gave (not derived from the export).
    package struct ComparatorKey: Hashable {
        package var kind: ComparatorKind
        package var area: Int32
        package init(kind: ComparatorKind, area: Int32) { self.kind = kind; self.area = area }
    }
    @exclusivity(unchecked) package var comparatorsFromFile = Set<ComparatorKey>()

    /// An empty data set: add indicators, rows and comparators in memory, or read the files with
    /// `IndicatorDataSet.load(data:indicators:comparators:)` (module `Equity`).
    public init() {}

    /// The number of data rows.
    public var rowCount: Int { area.count }

    /// What Equity did to a row (bits of `noteCode`).
    package enum RowNote: UInt8, CaseIterable {
        case limitsWilson = 1, limitsExact = 2, limitsByars = 4
        case noPublishedLimits = 8
        case codeTrimmed = 16

        var text: String {
            switch self {
            case .limitsWilson: return "limits from counts (Wilson)"
            case .limitsExact: return "limits from counts (Exact)"
            case .limitsByars: return "limits from counts (Byars)"
            case .noPublishedLimits: return "value published without confidence limits"
            case .codeTrimmed: return "spaces trimmed from a code"
            }
        }
    }

    /// The text of a row's note bits ("a; b").
    package static func noteText(_ code: UInt8) -> String { noteTexts[Int(code)] }

    /// Every combination of note bits, built once (writers ask once per output row).
    private static let noteTexts: [String] = (0..<256).map { bits in
        RowNote.allCases.filter { bits & Int($0.rawValue) != 0 }.map(\.text).joined(separator: "; ")
    }

    /// Adds an indicator's metadata; its id must be new.
    public func add(_ indicator: Indicator) throws {
        guard indicators[indicator.id] == nil else {
            throw EquityError.invalidArgument("indicator \(MessageText.quoted(indicator.id)) is added twice")
        }
        indicators[indicator.id] = indicator
        indicatorOrder.append(indicator.id)
    }

    /// Replaces the metadata of an indicator already added.
    package func replace(_ indicator: Indicator) {
        indicators[indicator.id] = indicator
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
        categoryType.append(names.intern(row.categoryType)); category.append(names.intern(row.category))
        valueNote.append(names.intern(row.valueNote)); parentCode.append(names.intern(""))
        let empty = names.intern("")
        publishedEngland.append(empty); publishedParent.append(empty)
        count.append(row.count); denominator.append(row.denominator); value.append(row.value)
        lower95.append(row.lower95); upper95.append(row.upper95); lower998.append(row.lower998); upper998.append(row.upper998)
        noteCode.append(!row.value.isNaN && (row.lower95.isNaN || row.upper95.isNaN) ? RowNote.noPublishedLimits.rawValue : 0)
        line.append(Int32(clamping: row.line))
    }

    /// Declares `code` a comparator of `area` (one call per statistical neighbour).
    public func addComparator(_ kind: ComparatorKind, code: String, forArea area: String) {
        comparators[kind, default: [:]][names.intern(area), default: []].append(names.intern(code))
    }

    /// Row `i` as values.
    public func row(_ i: Int) -> Row {
        Row(indicator: indicatorOrder[Int(indicatorIndex[i])], area: names.string(area[i]), areaName: names.string(areaName[i]),
            areaType: names.string(areaType[i]), sex: names.string(sex[i]), age: names.string(age[i]),
            categoryType: names.string(categoryType[i]), category: names.string(category[i]), period: names.string(period[i]),
            count: count[i], denominator: denominator[i], value: value[i], lower95: lower95[i], upper95: upper95[i],
            lower998: lower998[i], upper998: upper998[i], valueNote: names.string(valueNote[i]),
            note: Self.noteText(noteCode[i]), line: Int(line[i]))
    }

    /// Whether the data has rows for `area` (spaces around the code ignored).
    public func hasRows(area code: String) -> Bool {
        guard let id = names.find(code.trimmingSpaces()) else { return false }
        return area.contains(id)
    }

    /// The published Fingertips label of row `i` against England, or its parent ("" if none).
    public func publishedLabel(_ i: Int, england: Bool) -> String {
        names.string(england ? publishedEngland[i] : publishedParent[i])
    }
}
