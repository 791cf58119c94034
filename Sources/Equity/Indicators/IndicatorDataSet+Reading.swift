import Dispatch

extension IndicatorDataSet {
    /// Reads the three files of the indicator data format (the comparators file is optional).
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
            try add(Indicator(id: id, name: s.text(c[1]), valueType: vt, multiplier: m, polarity: pol, benchmark: bm,
                              group: group.map { s.text($0) } ?? "", unit: unit.map { s.text($0) } ?? ""))
        }
    }

    /// Columns parsed from one chunk of the data file, with texts interned locally.
    final class Chunk {
        let names = ByteInterner(capacity: 1 << 12)
        @exclusivity(unchecked) var indicatorIndex: [Int32] = [], area: [Int32] = [], areaName: [Int32] = [], areaType: [Int32] = []
        @exclusivity(unchecked) var sex: [Int32] = [], age: [Int32] = [], period: [Int32] = []
        @exclusivity(unchecked) var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
        @exclusivity(unchecked) var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
        @exclusivity(unchecked) var noteCode: [UInt8] = [], line: [Int32] = []
        @exclusivity(unchecked) var lines = 0
        @exclusivity(unchecked) var error: (line: Int, column: Int, reason: String, unknownIndicator: Bool)?
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
        let workers = max(1, min(Parallelism.threads, ranges.count))
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
            guard let kind = ComparatorKind(rawValue: s.text(c[1]).lowercased()) else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c[1] + 1),
                                               reason: "comparator \(MessageText.quoted(s.text(c[1]))) is not england, region, parent or neighbours")
            }
            comparators[kind, default: [:]][names.intern(s.unescapedField(c[0])), default: []].append(names.intern(s.unescapedField(c[2])))
        }
    }
}
