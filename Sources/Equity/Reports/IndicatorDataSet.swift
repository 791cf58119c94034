import Dispatch

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
    public var indicators: [String: Indicator] = [:]
    public var indicatorOrder: [String] = []
    /// Per row, columns: the indicator's position in `indicatorOrder`, interned texts, numbers.
    public var indicatorIndex: [Int32] = []
    public var area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = [], sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
    public var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
    public var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
    /// 0 none, 1 limits from counts (Wilson), 2 (Exact), 3 (Byars)
    public var noteCode: [UInt8] = []
    public var line: [Int32] = []
    /// comparator kind → area id → comparator area ids
    public var comparators: [String: [Int32: [Int32]]] = [:]
    public var dataFile = ""

    public init() {}

    public var rowCount: Int { area.count }

    static let noteTexts = ["", "limits from counts (Wilson)", "limits from counts (Exact)", "limits from counts (Byars)"]

    public func row(_ i: Int) -> Row {
        Row(indicator: indicatorOrder[Int(indicatorIndex[i])], area: names.string(area[i]), areaName: names.string(areaName[i]),
            areaType: names.string(areaType[i]), sex: names.string(sex[i]), age: names.string(age[i]), period: names.string(period[i]),
            count: count[i], denominator: denominator[i], value: value[i], lower95: lower95[i], upper95: upper95[i],
            lower998: lower998[i], upper998: upper998[i], note: Self.noteTexts[Int(noteCode[i])], line: Int(line[i]))
    }

    // MARK: Reading

    public static func load(data: String, indicators: String, comparators: String?) throws -> IndicatorDataSet {
        let set = IndicatorDataSet()
        try set.readIndicators(indicators)
        try set.readData(data)
        if let comparators { try set.readComparators(comparators) }
        return set
    }

    static func required(_ reader: CSVReader, _ names: [String]) throws -> [Int] {
        try names.map { try reader.column($0) }
    }

    func readIndicators(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let c = try Self.required(reader, ["indicator_id", "name", "value_type", "multiplier", "polarity", "benchmark"])
        let group = reader.header.firstIndex(of: "group"), unit = reader.header.firstIndex(of: "unit")
        try reader.forEachRow { s in
            func loc(_ col: Int) -> SourceLocation { SourceLocation(file: reader.name, line: s.line, column: col + 1) }
            let id = s.text(c[0])
            guard let vt = ValueType(rawValue: s.text(c[2]).lowercased()) else {
                throw EquityError.invalidValue(loc(c[2]), reason: "value_type \(MessageText.quoted(s.text(c[2]))) is not one of \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let m = try reader.number(s, c[3])
            guard m.isFinite, m != 0 else { throw EquityError.invalidValue(loc(c[3]), reason: "multiplier must be a non-zero number") }
            guard let pol = Polarity(rawValue: s.text(c[4]).lowercased()) ?? Polarity(text: s.text(c[4])) else {
                throw EquityError.invalidValue(loc(c[4]), reason: "polarity \(MessageText.quoted(s.text(c[4]))) is not one of \(Polarity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let bm = BenchmarkMethod(rawValue: s.text(c[5]).lowercased()) else {
                throw EquityError.invalidValue(loc(c[5]), reason: "benchmark \(MessageText.quoted(s.text(c[5]))) is not one of \(BenchmarkMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if indicators[id] != nil { throw EquityError.invalidValue(loc(c[0]), reason: "indicator_id \(MessageText.quoted(id)) is listed twice") }
            indicators[id] = Indicator(id: id, name: s.text(c[1]), valueType: vt, multiplier: m, polarity: pol, benchmark: bm,
                                       group: group.map { s.text($0) } ?? "", unit: unit.map { s.text($0) } ?? "")
            indicatorOrder.append(id)
        }
    }

    /// Columns parsed from one chunk of the data file, with texts interned locally.
    final class Chunk {
        let names = ByteInterner(capacity: 1 << 12)
        var indicatorIndex: [Int32] = [], area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = []
        var sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
        var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
        var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
        var noteCode: [UInt8] = [], line: [Int32] = []
        var lines = 0
        var error: (line: Int, column: Int, reason: String, unknownIndicator: Bool)?
    }

    func readData(_ path: String) throws {
        let reader = try CSVReader(path: path)
        dataFile = reader.name
        let c = try Self.required(reader, ["indicator_id", "area_code", "period"])
        func opt(_ n: String) -> Int? { reader.header.firstIndex(of: n) }
        let textColumns: [Int?] = [c[1], opt("area_name"), opt("area_type"), opt("sex"), opt("age"), c[2]]
        let numericNames = ["count", "denominator", "value", "lowercl", "uppercl", "lower99_8cl", "upper99_8cl"]
        let numeric = numericNames.map { opt($0) }
        guard numeric[2] != nil || (numeric[0] != nil && numeric[1] != nil) else {
            throw EquityError.unknownColumn(name: "value", file: reader.name, available: reader.header)
        }
        let indicatorList = indicatorOrder.map { indicators[$0]! }
        var indicatorPosition: [String: Int32] = [:]
        for (k, id) in indicatorOrder.enumerated() { indicatorPosition[id] = Int32(k) }
        let ranges = reader.chunks(targetSize: 4 << 20)
        let chunks = ranges.map { _ in Chunk() }
        let expected = reader.header.count
        let z95 = Normal.criticalValue(confidence: 0.95), z998 = Normal.criticalValue(confidence: 0.998)
        let workers = max(1, min(System.coreCount, ranges.count))
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            var ci = t
            while ci < ranges.count {
                let chunk = chunks[ci]
                ci += workers
                let scanner = CSVScanner(bytes: reader.file.bytes, range: ranges[ci - workers], firstLine: 0)
                var local: [Int32: Int32] = [:] // local indicator name id → position
                let emptyLocal = chunk.names.intern(UnsafeBufferPointer(start: nil, count: 0))
                var v = [Double](repeating: .nan, count: 7)
                rows: while true {
                    switch scanner.next() {
                    case .end: break rows
                    case let .malformed(column, reason):
                        chunk.error = (scanner.line, column, reason, false); break rows
                    case .row:
                        if scanner.fieldCount != expected {
                            chunk.error = (scanner.line, min(scanner.fieldCount, expected) + 1, "expected \(expected) fields as in the header, found \(scanner.fieldCount)", false)
                            break rows
                        }
                        let nameID = chunk.names.intern(scanner.unescapedField(c[0]))
                        let k: Int32
                        if let found = local[nameID] { k = found } else {
                            guard let found = indicatorPosition[chunk.names.string(nameID)] else {
                                chunk.error = (scanner.line, c[0] + 1, "unknown indicator_id \(MessageText.quoted(scanner.text(c[0]))) (not in the indicators file)", true)
                                break rows
                            }
                            local[nameID] = found
                            k = found
                        }
                        let ind = indicatorList[Int(k)]
                        for (j, col) in numeric.enumerated() {
                            guard let col else { v[j] = .nan; continue }
                            switch scanner.number(col) {
                            case let .number(x): v[j] = x
                            case .missing: v[j] = .nan
                            case let bad:
                                chunk.error = (scanner.line, col + 1, NumberParsing.problem(bad, text: scanner.text(col), column: reader.header[col]), false)
                                break rows
                            }
                        }
                        var note: UInt8 = 0
                        let (x, n) = (v[0], v[1])
                        if !x.isNaN && !n.isNaN && (v[2].isNaN || v[3].isNaN || v[4].isNaN) {
                            switch ind.valueType {
                            case .proportion:
                                if x < 0 || n <= 0 || x > n {
                                    chunk.error = (scanner.line, (numeric[0] ?? 0) + 1, "count \(NumberFormatting.string(x)) and denominator \(NumberFormatting.string(n)) are not a proportion", false)
                                    break rows
                                }
                                let m = ind.multiplier
                                if v[2].isNaN { v[2] = x / n * m }
                                let a = Wilson.interval(x: x, n: n, z: z95), b = Wilson.interval(x: x, n: n, z: z998)
                                if v[3].isNaN { v[3] = a.lower * m; v[4] = a.upper * m }
                                if v[5].isNaN { v[5] = b.lower * m; v[6] = b.upper * m }
                                note = 1
                            case .crudeRate, .isr, .ratio:
                                if x < 0 || n <= 0 {
                                    chunk.error = (scanner.line, (numeric[0] ?? 0) + 1, "count must be ≥ 0 and denominator > 0", false)
                                    break rows
                                }
                                let m = ind.multiplier
                                if v[2].isNaN { v[2] = x / n * m }
                                let a = PoissonLimits.limits(x, confidence: 0.95, z: z95), b = PoissonLimits.limits(x, confidence: 0.998, z: z998)
                                if v[3].isNaN { v[3] = a.lower / n * m; v[4] = a.upper / n * m }
                                if v[5].isNaN { v[5] = b.lower / n * m; v[6] = b.upper / n * m }
                                note = a.method == .exact ? 2 : 3
                            default:
                                break
                            }
                        }
                        chunk.indicatorIndex.append(k)
                        @inline(__always) func text(_ col: Int?) -> Int32 {
                            guard let col else { return emptyLocal }
                            return chunk.names.intern(scanner.unescapedField(col))
                        }
                        chunk.area.append(text(textColumns[0])); chunk.areaName.append(text(textColumns[1]))
                        chunk.areaType.append(text(textColumns[2])); chunk.sex.append(text(textColumns[3]))
                        chunk.age.append(text(textColumns[4])); chunk.period.append(text(textColumns[5]))
                        chunk.count.append(v[0]); chunk.denominator.append(v[1]); chunk.value.append(v[2])
                        chunk.lower95.append(v[3]); chunk.upper95.append(v[4]); chunk.lower998.append(v[5]); chunk.upper998.append(v[6])
                        chunk.noteCode.append(note)
                        chunk.line.append(Int32(truncatingIfNeeded: scanner.line))
                    }
                }
                chunk.lines = scanner.line
            }
        }
        // Merge in file order: remap local text ids, absolute line numbers, first error wins.
        var lineBase = reader.dataFirstLine
        for chunk in chunks {
            if let e = chunk.error {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: lineBase + e.line, column: e.column), reason: e.reason)
            }
            let remap = (0..<chunk.names.count).map { names.intern(chunk.names.string(Int32($0))) }
            func mapped(_ a: [Int32]) -> [Int32] { a.map { remap[Int($0)] } }
            indicatorIndex += chunk.indicatorIndex
            area += mapped(chunk.area); areaName += mapped(chunk.areaName); areaType += mapped(chunk.areaType)
            sex += mapped(chunk.sex); age += mapped(chunk.age); period += mapped(chunk.period)
            count += chunk.count; denominator += chunk.denominator; value += chunk.value
            lower95 += chunk.lower95; upper95 += chunk.upper95; lower998 += chunk.lower998; upper998 += chunk.upper998
            noteCode += chunk.noteCode
            line += chunk.line.map { $0 + Int32(lineBase) }
            lineBase += chunk.lines
        }
    }

    func readComparators(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let c = try Self.required(reader, ["area_code", "comparator", "comparator_code"])
        try reader.forEachRow { s in
            let kind = s.text(c[1]).lowercased()
            guard ["england", "region", "parent", "neighbours"].contains(kind) else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c[1] + 1),
                                               reason: "comparator \(MessageText.quoted(s.text(c[1]))) is not england, region, parent or neighbours")
            }
            comparators[kind, default: [:]][names.intern(s.unescapedField(c[0])), default: []].append(names.intern(s.unescapedField(c[2])))
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
