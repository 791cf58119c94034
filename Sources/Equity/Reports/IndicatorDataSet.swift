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
public struct IndicatorDataSet {
    public enum ValueType: String, Sendable, CaseIterable {
        case proportion
        case crudeRate = "crude_rate"
        case dsr, isr, ratio, mean
        case lifeExpectancy = "life_expectancy"
        case score
    }

    public struct Indicator: Sendable {
        public var id: String
        public var name: String
        public var valueType: ValueType
        public var multiplier: Double
        public var polarity: Polarity
        public var benchmark: BenchmarkMethod
        public var group: String
        public var unit: String
    }

    /// One data row (after limits are filled in from counts where possible).
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

    public var indicators: [String: Indicator] = [:]
    public var indicatorOrder: [String] = []
    public var rows: [Row] = []
    /// comparator kind → area → codes
    public var comparators: [String: [String: [String]]] = [:]
    public var dataFile = ""

    public init() {}

    // MARK: Reading

    public static func load(data: String, indicators: String, comparators: String?) throws -> IndicatorDataSet {
        var set = IndicatorDataSet()
        try set.readIndicators(indicators)
        try set.readData(data)
        if let comparators { try set.readComparators(comparators) }
        return set
    }

    static func required(_ reader: CSVReader, _ names: [String]) throws -> [Int] {
        try names.map { try reader.column($0) }
    }

    mutating func readIndicators(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let c = try Self.required(reader, ["indicator_id", "name", "value_type", "multiplier", "polarity", "benchmark"])
        let group = reader.header.firstIndex(of: "group"), unit = reader.header.firstIndex(of: "unit")
        try reader.forEachRow { s in
            func loc(_ col: Int) -> SourceLocation { SourceLocation(file: reader.name, line: s.line, column: col + 1) }
            let id = s.text(c[0])
            guard let vt = ValueType(rawValue: s.text(c[2]).lowercased()) else {
                throw EquityError.invalidValue(loc(c[2]), reason: "value_type '\(s.text(c[2]))' is not one of \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let m = try reader.number(s, c[3])
            guard m.isFinite, m != 0 else { throw EquityError.invalidValue(loc(c[3]), reason: "multiplier must be a non-zero number") }
            guard let pol = Polarity(rawValue: s.text(c[4]).lowercased()) ?? Polarity(text: s.text(c[4])) else {
                throw EquityError.invalidValue(loc(c[4]), reason: "polarity '\(s.text(c[4]))' is not one of \(Polarity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let bm = BenchmarkMethod(rawValue: s.text(c[5]).lowercased()) else {
                throw EquityError.invalidValue(loc(c[5]), reason: "benchmark '\(s.text(c[5]))' is not one of \(BenchmarkMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if indicators[id] != nil { throw EquityError.invalidValue(loc(c[0]), reason: "indicator_id '\(id)' is listed twice") }
            indicators[id] = Indicator(id: id, name: s.text(c[1]), valueType: vt, multiplier: m, polarity: pol, benchmark: bm,
                                       group: group.map { s.text($0) } ?? "", unit: unit.map { s.text($0) } ?? "")
            indicatorOrder.append(id)
        }
    }

    mutating func readData(_ path: String) throws {
        let reader = try CSVReader(path: path)
        dataFile = reader.name
        let c = try Self.required(reader, ["indicator_id", "area_code", "period"])
        func opt(_ n: String) -> Int? { reader.header.firstIndex(of: n) }
        let name = opt("area_name"), type = opt("area_type"), sex = opt("sex"), age = opt("age")
        let numericNames = ["count", "denominator", "value", "lowercl", "uppercl", "lower99_8cl", "upper99_8cl"]
        let numeric = numericNames.map { opt($0) }
        guard numeric[2] != nil || (numeric[0] != nil && numeric[1] != nil) else {
            throw EquityError.unknownColumn(name: "value", file: reader.name, available: reader.header)
        }
        let z95 = Normal.criticalValue(confidence: 0.95), z998 = Normal.criticalValue(confidence: 0.998)
        try reader.forEachRow { s in
            let id = s.text(c[0])
            guard let ind = indicators[id] else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c[0] + 1),
                                               reason: "unknown indicator_id '\(id)' (not in the indicators file)")
            }
            var v = [Double](repeating: .nan, count: numeric.count)
            for (k, col) in numeric.enumerated() { if let col { v[k] = try reader.number(s, col) } }
            var note = ""
            // Fill value and limits from counts where they are missing.
            let (x, n) = (v[0], v[1])
            if !x.isNaN && !n.isNaN && (v[2].isNaN || v[3].isNaN || v[4].isNaN) {
                switch ind.valueType {
                case .proportion:
                    if x < 0 || n <= 0 || x > n {
                        throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: (numeric[0] ?? 0) + 1),
                                                       reason: "count \(NumberFormatting.string(x)) and denominator \(NumberFormatting.string(n)) are not a proportion")
                    }
                    let m = ind.multiplier
                    if v[2].isNaN { v[2] = x / n * m }
                    let a = Wilson.interval(x: x, n: n, z: z95), b = Wilson.interval(x: x, n: n, z: z998)
                    if v[3].isNaN { v[3] = a.lower * m; v[4] = a.upper * m }
                    if v[5].isNaN { v[5] = b.lower * m; v[6] = b.upper * m }
                    note = "limits from counts (Wilson)"
                case .crudeRate, .isr, .ratio:
                    if x < 0 || n <= 0 {
                        throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: (numeric[0] ?? 0) + 1),
                                                       reason: "count must be ≥ 0 and denominator > 0")
                    }
                    let m = ind.multiplier
                    if v[2].isNaN { v[2] = x / n * m }
                    let a = PoissonLimits.limits(x, confidence: 0.95, z: z95), b = PoissonLimits.limits(x, confidence: 0.998, z: z998)
                    if v[3].isNaN { v[3] = a.lower / n * m; v[4] = a.upper / n * m }
                    if v[5].isNaN { v[5] = b.lower / n * m; v[6] = b.upper / n * m }
                    note = "limits from counts (\(a.method.rawValue))"
                default:
                    break
                }
            }
            rows.append(Row(indicator: id, area: s.text(c[1]), areaName: name.map { s.text($0) } ?? "", areaType: type.map { s.text($0) } ?? "",
                            sex: sex.map { s.text($0) } ?? "", age: age.map { s.text($0) } ?? "", period: s.text(c[2]),
                            count: v[0], denominator: v[1], value: v[2], lower95: v[3], upper95: v[4], lower998: v[5], upper998: v[6],
                            note: note, line: s.line))
        }
    }

    mutating func readComparators(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let c = try Self.required(reader, ["area_code", "comparator", "comparator_code"])
        try reader.forEachRow { s in
            let kind = s.text(c[1]).lowercased()
            guard ["england", "region", "parent", "neighbours"].contains(kind) else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c[1] + 1),
                                               reason: "comparator '\(s.text(c[1]))' is not england, region, parent or neighbours")
            }
            comparators[kind, default: [:]][s.text(c[0]), default: []].append(s.text(c[2]))
        }
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
