import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IndicatorDataSet {
    /// Choices when reading indicator files.
    public struct ReadOptions: Sendable {
        /// Build missing 95%/99.8% limits from counts whenever a row has counts (the older rule).
        /// By default a value published without limits stays without them ("Not compared", as
        /// Fingertips says), and only Equity's own format has value and limits built from counts
        /// where the value is missing; a Fingertips export is never rebuilt.
        public var rebuildLimits = false
        /// The defaults.
        public init() {}
    }

    /// A column's role, found from its header by comparing names with case, spaces and
    /// punctuation removed — so Fingertips' website/API CSV (`Lower CI 95.0 limit`), fingertipsR
    /// (`LowerCI95.0limit`), R's `read.csv` (`Lower.CI.95.0.limit`) and Equity's own names
    /// (`lowercl`) all match.
    enum Role: CaseIterable {
        case indicatorID, indicatorName, areaCode, areaName, areaType, parentCode, parentName, sex, age, categoryType, category
        case period, value, lower95, upper95, lower998, upper998, count, denominator, valueNote
        case publishedEngland, publishedParent, recentTrend, ignored

        static let names: [String: Role] = [
            "indicatorid": .indicatorID, "indicatorname": .indicatorName, "areacode": .areaCode, "areaname": .areaName,
            "areatype": .areaType, "parentcode": .parentCode, "parentname": .parentName, "sex": .sex, "age": .age,
            "categorytype": .categoryType, "category": .category, "period": .period, "timeperiod": .period, "value": .value,
            "lowercl": .lower95, "uppercl": .upper95, "lowerci950limit": .lower95, "upperci950limit": .upper95,
            "lowercilimit": .lower95, "uppercilimit": .upper95, "lower95cl": .lower95, "upper95cl": .upper95,
            "lower998cl": .lower998, "upper998cl": .upper998, "lowerci998limit": .lower998, "upperci998limit": .upper998,
            "count": .count, "denominator": .denominator, "valuenote": .valueNote, "recenttrend": .recentTrend,
            "comparedtoenglandvalueorpercentiles": .publishedEngland,
            "timeperiodsortable": .ignored, "newdata": .ignored, "comparedtogoal": .ignored, "timeperiodrange": .ignored,
            "comparedtopercentiles": .ignored,
        ]

        static func of(_ header: String) -> Role? {
            let key = normalised(header)
            if let r = names[key] { return r }
            if key.hasPrefix("comparedto") && key.hasSuffix("valueorpercentiles") { return .publishedParent }
            return nil
        }
    }

    /// A header name lower-cased with everything but letters and digits removed.
    static func normalised(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }))
    }

    /// Reads an indicator data file (a Fingertips export or Equity's long CSV), the optional
    /// metadata file and the optional comparators file. What matched nothing, what was assumed
    /// and what was adjusted is in `warnings`.
    public static func load(data: String, indicators: String? = nil, comparators: String? = nil,
                            options: ReadOptions = ReadOptions()) throws -> IndicatorDataSet {
        let set = IndicatorDataSet()
        if let indicators { try set.readMetadata(indicators) }
        try set.readData(data, options: options)
        if let comparators { try set.readComparators(comparators) }
        set.deriveComparators()
        set.checkMetadata(given: indicators != nil)
        return set
    }

    static func column(_ reader: CSVReader, _ roles: [Role?], _ role: Role) -> Int? { roles.firstIndex { $0 == role } }

    // MARK: Metadata

    func readMetadata(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let keys = reader.header.map(Self.normalised)
        func col(_ names: String...) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let idCol = col("indicatorid") else {
            throw EquityError.unknownColumn(name: "indicator_id", file: reader.name, available: reader.header)
        }
        let nameCol = col("name", "indicatorname"), typeCol = col("valuetype"), multCol = col("multiplier"), polCol = col("polarity")
        let benchCol = col("benchmark", "comparisonmethod", "benchmarkmethod"), groupCol = col("group", "domain")
        let unitCol = col("unit"), decCol = col("decimals", "decimalplaces"), yearCol = col("yeartype", "yearstart")
        try reader.forEachRow { s in
            func loc(_ c: Int) -> SourceLocation { SourceLocation(file: reader.name, line: s.line, column: c + 1) }
            func text(_ c: Int?) -> String { c.map { s.text($0).trimmingSpaces() } ?? "" }
            let id = text(idCol)
            guard !id.isEmpty else { throw EquityError.invalidValue(loc(idCol), reason: "indicator_id is empty") }
            if indicators[id] != nil { throw EquityError.invalidValue(loc(idCol), reason: "indicator_id \(MessageText.quoted(id)) is listed twice") }
            var valueType = ValueType.unknown
            if let c = typeCol, !text(c).isEmpty {
                guard let vt = ValueType(text: text(c)) else {
                    throw EquityError.invalidValue(loc(c), reason: "value_type \(MessageText.quoted(text(c))) is not one of \(ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                valueType = vt
            }
            var multiplier = 1.0
            if let c = multCol, !text(c).isEmpty {
                let m = try reader.number(s, c)
                guard m.isFinite, m != 0 else { throw EquityError.invalidValue(loc(c), reason: "multiplier must be a non-zero number") }
                multiplier = m
            }
            var polarity = Polarity.noJudgement, known = false
            if let c = polCol, !text(c).isEmpty {
                guard let p = Polarity(rawValue: text(c).lowercased()) ?? Polarity(text: text(c)) else {
                    throw EquityError.invalidValue(loc(c), reason: "polarity \(MessageText.quoted(text(c))) is not one of \(Polarity.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                polarity = p
                known = true
            }
            var benchmark = BenchmarkMethod.ci95
            if let c = benchCol, !text(c).isEmpty {
                guard let b = BenchmarkMethod(text: text(c)) else {
                    throw EquityError.invalidValue(loc(c), reason: "benchmark \(MessageText.quoted(text(c))) is not one of \(BenchmarkMethod.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                benchmark = b
            }
            var decimals: Int?
            if let c = decCol, !text(c).isEmpty {
                guard let k = Int(text(c)), (0...6).contains(k) else { throw EquityError.invalidValue(loc(c), reason: "decimals must be 0 to 6") }
                decimals = k
            }
            var yearStart = TimePeriod.YearStart.financial
            if let c = yearCol, !text(c).isEmpty {
                guard let y = TimePeriod.YearStart(rawValue: text(c).lowercased()) else {
                    throw EquityError.invalidValue(loc(c), reason: "year_type must be financial or academic")
                }
                yearStart = y
            }
            try add(Indicator(id: id, name: text(nameCol), valueType: valueType, multiplier: multiplier, polarity: polarity,
                              benchmark: benchmark, group: text(groupCol), unit: text(unitCol), decimals: decimals,
                              polarityKnown: known, yearStart: yearStart))
        }
    }

    // MARK: Data

    /// Columns parsed from one chunk of the data file, with texts interned locally.
    final class Chunk {
        let names = ByteInterner(capacity: 1 << 12)
        @exclusivity(unchecked) var indicatorLocal: [Int32] = [], indicatorName: [Int32: Int32] = [:]
        /// The 12 text columns of each row, row after row.
        @exclusivity(unchecked) var text: [Int32] = []
        @exclusivity(unchecked) var count: [Double] = [], denominator: [Double] = [], value: [Double] = []
        @exclusivity(unchecked) var lower95: [Double] = [], upper95: [Double] = [], lower998: [Double] = [], upper998: [Double] = []
        @exclusivity(unchecked) var noteCode: [UInt8] = [], line: [Int32] = []
        @exclusivity(unchecked) var lines = 0
        @exclusivity(unchecked) var trimmed = 0
        @exclusivity(unchecked) var error: (line: Int, column: Int, reason: String)?

        func reserve(_ rows: Int) {
            text.reserveCapacity(rows * 12); indicatorLocal.reserveCapacity(rows)
            count.reserveCapacity(rows); denominator.reserveCapacity(rows); value.reserveCapacity(rows)
            lower95.reserveCapacity(rows); upper95.reserveCapacity(rows); lower998.reserveCapacity(rows); upper998.reserveCapacity(rows)
            noteCode.reserveCapacity(rows); line.reserveCapacity(rows)
        }
    }

    /// How rows of one indicator build limits from counts (per chunk-local indicator id).
    struct Rebuild {
        /// 0 unknown indicator or no rebuilding, 1 proportion, 2 Poisson (crude rate, ISR, ratio).
        var kind: UInt8
        var multiplier: Double
    }

    /// Text columns kept per row, in `Chunk.text` order.
    static let textRoles: [Role] = [.areaCode, .areaName, .areaType, .sex, .age, .period, .categoryType, .category, .parentCode,
                                    .valueNote, .publishedEngland, .publishedParent]
    /// Roles whose values are codes: spaces around them are trimmed (and counted).
    static let codeRoles: Set<Role> = [.areaCode, .sex, .age, .period, .categoryType, .category, .parentCode]

    func readData(_ path: String, options: ReadOptions) throws {
        let reader = try CSVReader(path: path)
        dataFile = reader.name
        let roles = reader.header.map(Role.of)
        func col(_ r: Role) -> Int? { roles.firstIndex { $0 == r } }
        guard let idCol = col(.indicatorID) else { throw EquityError.unknownColumn(name: "indicator_id", file: reader.name, available: reader.header) }
        guard let areaCol = col(.areaCode) else { throw EquityError.unknownColumn(name: "area_code", file: reader.name, available: reader.header) }
        guard col(.period) != nil else { throw EquityError.unknownColumn(name: "period", file: reader.name, available: reader.header) }
        _ = areaCol
        let numericRoles: [Role] = [.count, .denominator, .value, .lower95, .upper95, .lower998, .upper998]
        let numeric = numericRoles.map(col)
        guard numeric[2] != nil || (numeric[0] != nil && numeric[1] != nil) else {
            throw EquityError.unknownColumn(name: "value", file: reader.name, available: reader.header)
        }
        let textColumns = Self.textRoles.map(col)
        let nameCol = col(.indicatorName)
        let keys = reader.header.map(Self.normalised)
        isFingertipsExport = keys.contains("timeperiod") || keys.contains("lowerci950limit") || keys.contains("indicatorname")
        if let c = col(.publishedParent) {
            // "Compared to Region value or percentiles" → "Region".
            var h = reader.header[c]
            for part in ["Compared to ", "Comparedto", "Compared.to."] where h.hasPrefix(part) { h = String(h.dropFirst(part.count)) }
            for part in [" value or percentiles", "valueorpercentiles", ".value.or.percentiles"] where h.hasSuffix(part) { h = String(h.dropLast(part.count)) }
            parentHeading = h.replacingOccurrences(of: ".", with: " ").trimmingSpaces()
        }
        let unknown = reader.header.indices.filter { roles[$0] == nil }.map { reader.header[$0] }
        if !unknown.isEmpty {
            warnings.append("\(reader.name): columns not used: \(unknown.map { MessageText.quoted($0) }.joined(separator: ", "))")
        }
        let known = indicators
        let rebuildMissingValue = options.rebuildLimits || !isFingertipsExport
        let rebuildAll = options.rebuildLimits
        let ranges = reader.chunks(targetSize: 4 << 20)
        let chunks = ranges.map { _ in Chunk() }
        let expected = reader.header.count
        let z95 = Normal.criticalValue(confidence: 0.95), z998 = Normal.criticalValue(confidence: 0.998)
        let workers = max(1, min(Parallelism.threads, ranges.count))
        let codeColumn = Self.textRoles.map { Self.codeRoles.contains($0) }
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            var ci = t
            while ci < ranges.count {
                let chunk = chunks[ci]
                let range = ranges[ci]
                ci += workers
                chunk.reserve(range.count / 80 + 16)
                let scanner = CSVScanner(bytes: reader.file.bytes, range: range, firstLine: 0)
                var rebuildOf: [Rebuild?] = [] // by chunk-local text id of the indicator
                let emptyLocal = chunk.names.intern(UnsafeBufferPointer(start: nil, count: 0))
                var v = [Double](repeating: .nan, count: 7)
                // The previous row's bytes (in the mapped file) and id per text column: repeated
                // values skip hashing. Fields that needed unescaping live in scratch memory and
                // are not remembered.
                let fileStart = reader.file.bytes.baseAddress.map { UnsafePointer<UInt8>($0) }
                let fileEnd = fileStart.map { $0 + reader.file.bytes.count }
                var lastStart = [UnsafePointer<UInt8>?](repeating: nil, count: 12), lastCount = [Int](repeating: 0, count: 12)
                var lastID = [Int32](repeating: -1, count: 12)
                var lastIndicatorStart: UnsafePointer<UInt8>?, lastIndicatorCount = 0, lastIndicator: Int32 = -1
                @inline(__always) func stable(_ b: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8>? {
                    guard let p = b.baseAddress, let fileStart, let fileEnd, p >= fileStart, p < fileEnd else { return nil }
                    return p
                }
                rows: while true {
                    switch scanner.next() {
                    case .end: break rows
                    case let .malformed(column, reason):
                        chunk.error = (scanner.line, column, reason); break rows
                    case .row:
                        if scanner.fieldCount != expected {
                            chunk.error = (scanner.line, min(scanner.fieldCount, expected) + 1, "expected \(expected) fields as in the header, found \(scanner.fieldCount)")
                            break rows
                        }
                        var trimmedRow = false
                        @inline(__always) func trimmedField(_ col: Int, code: Bool) -> UnsafeBufferPointer<UInt8> {
                            let raw = scanner.unescapedField(col)
                            guard code, let first = raw.first, let last = raw.last, first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09 else {
                                return raw
                            }
                            var a = 0, b = raw.count
                            while a < b && (raw[a] == 0x20 || raw[a] == 0x09) { a += 1 }
                            while b > a && (raw[b - 1] == 0x20 || raw[b - 1] == 0x09) { b -= 1 }
                            trimmedRow = true
                            return UnsafeBufferPointer(rebasing: raw[a..<b])
                        }
                        @inline(__always) func same(_ bytes: UnsafeBufferPointer<UInt8>, _ last: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
                            guard let last, bytes.count == count else { return false }
                            return count == 0 || memcmp(last, bytes.baseAddress!, count) == 0
                        }
                        let idBytes = trimmedField(idCol, code: true)
                        let idLocal: Int32
                        if lastIndicator >= 0 && same(idBytes, lastIndicatorStart, lastIndicatorCount) { idLocal = lastIndicator } else {
                            if idBytes.isEmpty { chunk.error = (scanner.line, idCol + 1, "indicator id is empty"); break rows }
                            idLocal = chunk.names.intern(idBytes)
                            lastIndicator = idLocal
                            lastIndicatorStart = stable(idBytes)
                            lastIndicatorCount = idBytes.count
                        }
                        if Int(idLocal) >= rebuildOf.count { rebuildOf += [Rebuild?](repeating: nil, count: Int(idLocal) + 1 - rebuildOf.count) }
                        let rebuild: Rebuild
                        if let r = rebuildOf[Int(idLocal)] { rebuild = r } else {
                            let ind = known[chunk.names.string(idLocal)]
                            let kind: UInt8
                            switch ind?.valueType {
                            case .proportion?: kind = 1
                            case .crudeRate?, .isr?, .ratio?: kind = 2
                            default: kind = 0
                            }
                            rebuild = Rebuild(kind: kind, multiplier: ind?.multiplier ?? 1)
                            rebuildOf[Int(idLocal)] = rebuild
                            if let nameCol { chunk.indicatorName[idLocal] = chunk.names.intern(scanner.unescapedField(nameCol)) }
                        }
                        for (j, col) in numeric.enumerated() {
                            guard let col else { v[j] = .nan; continue }
                            switch scanner.number(col) {
                            case let .number(x): v[j] = x
                            case .missing: v[j] = .nan
                            case .invalid:
                                let raw = scanner.rawField(col)
                                if let base = raw.baseAddress, case let .number(x) = NumberParsing.parseGrouped(base, 0, raw.count) {
                                    v[j] = x
                                } else {
                                    chunk.error = (scanner.line, col + 1, NumberParsing.problem(.invalid, text: scanner.text(col), column: reader.header[col]))
                                    break rows
                                }
                            case let bad:
                                chunk.error = (scanner.line, col + 1, NumberParsing.problem(bad, text: scanner.text(col), column: reader.header[col]))
                                break rows
                            }
                        }
                        var note: UInt8 = 0
                        let (x, n) = (v[0], v[1])
                        let valueMissing = v[2].isNaN
                        let limitsMissing = v[3].isNaN || v[4].isNaN
                        if rebuild.kind != 0, !x.isNaN, !n.isNaN, (valueMissing && rebuildMissingValue) || (limitsMissing && rebuildAll) {
                            let m = rebuild.multiplier
                            if rebuild.kind == 1 {
                                if x < 0 || n <= 0 || x > n {
                                    chunk.error = (scanner.line, (numeric[0] ?? 0) + 1, "count \(NumberFormatting.string(x)) and denominator \(NumberFormatting.string(n)) are not a proportion")
                                    break rows
                                }
                                if v[2].isNaN { v[2] = x / n * m }
                                let a = Wilson.interval(x: x, n: n, z: z95), b = Wilson.interval(x: x, n: n, z: z998)
                                if v[3].isNaN || v[4].isNaN { v[3] = a.lower * m; v[4] = a.upper * m }
                                if v[5].isNaN || v[6].isNaN { v[5] = b.lower * m; v[6] = b.upper * m }
                                note = RowNote.limitsWilson.rawValue
                            } else {
                                if x < 0 || n <= 0 {
                                    chunk.error = (scanner.line, (numeric[0] ?? 0) + 1, "count must be ≥ 0 and denominator > 0")
                                    break rows
                                }
                                if v[2].isNaN { v[2] = x / n * m }
                                let a = PoissonLimits.limits(x, confidence: 0.95, z: z95), b = PoissonLimits.limits(x, confidence: 0.998, z: z998)
                                if v[3].isNaN || v[4].isNaN { v[3] = a.lower / n * m; v[4] = a.upper / n * m }
                                if v[5].isNaN || v[6].isNaN { v[5] = b.lower / n * m; v[6] = b.upper / n * m }
                                note = a.method == .exact ? RowNote.limitsExact.rawValue : RowNote.limitsByars.rawValue
                            }
                        }
                        if !v[2].isNaN && (v[3].isNaN || v[4].isNaN) { note |= RowNote.noPublishedLimits.rawValue }
                        chunk.indicatorLocal.append(idLocal)
                        for k in 0..<12 {
                            guard let col = textColumns[k] else { chunk.text.append(emptyLocal); continue }
                            let bytes = trimmedField(col, code: codeColumn[k])
                            if bytes.isEmpty { chunk.text.append(emptyLocal); continue }
                            if lastID[k] >= 0 && same(bytes, lastStart[k], lastCount[k]) { chunk.text.append(lastID[k]); continue }
                            let id = chunk.names.intern(bytes)
                            lastID[k] = id
                            lastStart[k] = stable(bytes)
                            lastCount[k] = bytes.count
                            chunk.text.append(id)
                        }
                        if trimmedRow { note |= RowNote.codeTrimmed.rawValue; chunk.trimmed += 1 }
                        chunk.count.append(v[0]); chunk.denominator.append(v[1]); chunk.value.append(v[2])
                        chunk.lower95.append(v[3]); chunk.upper95.append(v[4]); chunk.lower998.append(v[5]); chunk.upper998.append(v[6])
                        chunk.noteCode.append(note)
                        chunk.line.append(Int32(truncatingIfNeeded: scanner.line))
                    }
                }
                chunk.lines = scanner.line
            }
        }
        // Merge in file order: remap local text ids, absolute line numbers, first error wins;
        // indicators not in the metadata are added in order of first appearance.
        var lineBase = reader.dataFirstLine
        var trimmed = 0
        var unlisted: [String] = []
        var position: [String: Int32] = [:]
        for (k, id) in indicatorOrder.enumerated() { position[id] = Int32(k) }
        var remaps: [[Int32]] = [], indicatorOfs: [[Int32]] = [], lineBases: [Int32] = [], offsets: [Int] = []
        var total = 0
        for chunk in chunks {
            if let e = chunk.error {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: lineBase + e.line, column: e.column), reason: e.reason)
            }
            remaps.append((0..<chunk.names.count).map { id in chunk.names.withBytes(Int32(id)) { names.intern($0) } })
            var indicatorOf = [Int32](repeating: -1, count: chunk.names.count)
            var seen = [Bool](repeating: false, count: chunk.names.count)
            var distinct: [Int32] = []
            // First-appearance order within the chunk for new indicators.
            for id in chunk.indicatorLocal where !seen[Int(id)] { seen[Int(id)] = true; distinct.append(id) }
            for id in distinct {
                let text = chunk.names.string(id)
                if let p = position[text] {
                    indicatorOf[Int(id)] = p
                    // Metadata without a name takes the export's Indicator Name.
                    if var known = indicators[text], known.name.isEmpty {
                        known.name = chunk.indicatorName[id].map { chunk.names.string($0) } ?? ""
                        if !known.name.isEmpty { replace(known) }
                    }
                    continue
                }
                let name = chunk.indicatorName[id].map { chunk.names.string($0) } ?? ""
                try add(.unstated(id: text, name: name))
                position[text] = Int32(indicatorOrder.count - 1)
                indicatorOf[Int(id)] = Int32(indicatorOrder.count - 1)
                unlisted.append(text)
            }
            indicatorOfs.append(indicatorOf)
            lineBases.append(Int32(lineBase))
            offsets.append(total)
            total += chunk.indicatorLocal.count
            lineBase += chunk.lines
            trimmed += chunk.trimmed
        }
        // Fill every column at once, chunk by chunk in parallel, into arrays of the final size.
        func build<T>(_ fill: @escaping (Int, UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
            [T](unsafeUninitializedCapacity: total) { buffer, done in
                let out = buffer
                DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                    let n = chunks[c].indicatorLocal.count
                    fill(c, UnsafeMutableBufferPointer(rebasing: out[offsets[c]..<(offsets[c] + n)]))
                }
                done = total
            }
        }
        func textColumn(_ k: Int) -> [Int32] {
            build { c, out in
                let remap = remaps[c]
                chunks[c].text.withUnsafeBufferPointer { t in
                    for r in 0..<out.count { out[r] = remap[Int(t[r * 12 + k])] }
                }
            }
        }
        func copied<T>(_ column: @escaping (Chunk) -> [T]) -> [T] {
            build { c, out in _ = out.initialize(from: column(chunks[c])) }
        }
        precondition(area.isEmpty, "readData on a data set that already has rows")
        indicatorIndex = build { c, out in
            let map = indicatorOfs[c]
            for (r, id) in chunks[c].indicatorLocal.enumerated() { out[r] = map[Int(id)] }
        }
        area = textColumn(0); areaName = textColumn(1); areaType = textColumn(2)
        sex = textColumn(3); age = textColumn(4); period = textColumn(5)
        categoryType = textColumn(6); category = textColumn(7); parentCode = textColumn(8)
        valueNote = textColumn(9); publishedEngland = textColumn(10); publishedParent = textColumn(11)
        count = copied(\.count); denominator = copied(\.denominator); value = copied(\.value)
        lower95 = copied(\.lower95); upper95 = copied(\.upper95); lower998 = copied(\.lower998); upper998 = copied(\.upper998)
        noteCode = copied(\.noteCode)
        line = build { c, out in
            let base = lineBases[c]
            for (r, l) in chunks[c].line.enumerated() { out[r] = l + base }
        }
        unlistedIndicators = unlisted
        for id in indicatorOrder where indicators[id]?.name.isEmpty == true {
            if var known = indicators[id] { known.name = id; replace(known) }
        }
        if trimmed > 0 {
            warnings.append("\(reader.name): spaces trimmed from codes in \(trimmed) row\(trimmed == 1 ? "" : "s") (noted in those rows)")
        }
        // Periods Equity cannot read keep their rows but have no place in a trend.
        var unread = Set<String>()
        for p in Self.distinct(period, count: names.count) where TimePeriod.parse(names.string(p)) == nil { unread.insert(names.string(p)) }
        if !unread.isEmpty {
            let shown = unread.sorted().prefix(5).map { MessageText.quoted($0) }.joined(separator: ", ")
            warnings.append("\(reader.name): \(unread.count) period text\(unread.count == 1 ? " is" : "s are") not a recognised period (\(shown)); those rows are ordered last and left out of trends")
        }
    }

    /// The distinct ids of a column of interned texts, in first-seen order (no hashing).
    static func distinct(_ column: [Int32], count: Int) -> [Int32] {
        var seen = [Bool](repeating: false, count: count)
        var out: [Int32] = []
        column.withUnsafeBufferPointer { c in
            for id in c where !seen[Int(id)] { seen[Int(id)] = true; out.append(id) }
        }
        return out
    }

    // MARK: Comparators

    func readComparators(_ path: String) throws {
        let reader = try CSVReader(path: path)
        let keys = reader.header.map(Self.normalised)
        func col(_ n: String) throws -> Int {
            guard let c = keys.firstIndex(of: n) else {
                throw EquityError.unknownColumn(name: n == "areacode" ? "area_code" : n == "comparatorcode" ? "comparator_code" : n,
                                                file: reader.name, available: reader.header)
            }
            return c
        }
        let c = [try col("areacode"), try col("comparator"), try col("comparatorcode")]
        let present = Set(Self.distinct(area, count: names.count))
        var missingAreas = Set<String>(), missingCodes = Set<String>()
        try reader.forEachRow { s in
            guard let kind = ComparatorKind(rawValue: s.text(c[1]).lowercased().trimmingSpaces()) else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c[1] + 1),
                                               reason: "comparator \(MessageText.quoted(s.text(c[1]))) is not england, region, parent or neighbours")
            }
            let a = s.text(c[0]).trimmingSpaces(), code = s.text(c[2]).trimmingSpaces()
            let areaID = names.intern(a), codeID = names.intern(code)
            if !present.contains(areaID) { missingAreas.insert(a) }
            if !present.contains(codeID) { missingCodes.insert(code) }
            comparatorsFromFile.insert(ComparatorKey(kind: kind, area: areaID))
            comparators[kind, default: [:]][areaID, default: []].append(codeID)
        }
        func list(_ s: Set<String>) -> String {
            s.sorted().prefix(8).map { MessageText.quoted($0) }.joined(separator: ", ") + (s.count > 8 ? " and \(s.count - 8) more" : "")
        }
        if !missingAreas.isEmpty {
            warnings.append("\(reader.name): \(missingAreas.count) area\(missingAreas.count == 1 ? " has" : "s have") comparators but no rows: \(list(missingAreas))")
        }
        if !missingCodes.isEmpty {
            warnings.append("\(reader.name): \(missingCodes.count) comparator code\(missingCodes.count == 1 ? " has" : "s have") no rows: \(list(missingCodes))")
        }
    }

    /// England (E92000001) is every other area's England comparator, and each area's `Parent
    /// Code` its region (E12…) or parent — where the comparators file does not say otherwise.
    func deriveComparators() {
        let n = rowCount
        let areas = Self.distinct(area, count: names.count)
        if let england = names.find("E92000001"), areas.contains(england) {
            for a in areas where a != england && !comparatorsFromFile.contains(ComparatorKey(kind: .england, area: a)) {
                comparators[.england, default: [:]][a] = [england]
            }
        }
        let empty = names.find("") ?? -1
        let englandID = names.find("E92000001") ?? -2
        var parentOf: [Int32: Int32] = [:]
        // A parent that is England is the England comparator already (regions' parent in an export).
        for i in 0..<n where parentCode[i] != empty && parentCode[i] != englandID && parentOf[area[i]] == nil { parentOf[area[i]] = parentCode[i] }
        guard !parentOf.isEmpty else { return }
        let kind: ComparatorKind = parentOf.values.allSatisfy { names.string($0).hasPrefix("E12") } ? .region : .parent
        parentKind = kind
        for (a, p) in parentOf where p != a && !comparatorsFromFile.contains(ComparatorKey(kind: kind, area: a)) {
            // England's "parent" in an export is England itself or blank: skip it.
            if names.string(a) == "E92000001" { continue }
            comparators[kind, default: [:]][a] = [p]
        }
    }

    /// Warnings about metadata: listed indicators without rows, data indicators not listed, and
    /// indicators without a polarity.
    func checkMetadata(given: Bool) {
        let withRows = Set(indicatorIndex)
        let idle = indicatorOrder.indices.filter { !withRows.contains(Int32($0)) }.map { indicatorOrder[$0] }
        func list(_ ids: [String]) -> String {
            ids.prefix(8).map { MessageText.quoted($0) }.joined(separator: ", ") + (ids.count > 8 ? " and \(ids.count - 8) more" : "")
        }
        if !idle.isEmpty { warnings.append("\(idle.count) indicator\(idle.count == 1 ? " in the metadata has" : "s in the metadata have") no rows: \(list(idle))") }
        if given && !unlistedIndicators.isEmpty {
            warnings.append("\(unlistedIndicators.count) indicator\(unlistedIndicators.count == 1 ? " is" : "s are") not in the metadata (name from the data, value type unknown): \(list(unlistedIndicators))")
        }
        let noPolarity = indicatorOrder.filter { withRows.contains(Int32(indicatorOrder.firstIndex(of: $0) ?? -1)) && indicators[$0]?.polarityKnown == false }
        if !noPolarity.isEmpty {
            warnings.append("\(noPolarity.count) indicator\(noPolarity.count == 1 ? " has" : "s have") no polarity, so \(noPolarity.count == 1 ? "it is" : "they are") rated Higher/Similar/Lower without judgement (give polarity in a metadata file): \(list(noPolarity))")
        }
    }
}

extension BenchmarkMethod {
    /// Reads the metadata spellings and Fingertips' comparison method names ("Confidence
    /// intervals overlapping reference value (95.0)", "Quintiles", …).
    init?(text: String) {
        let t = text.lowercased()
        if let exact = BenchmarkMethod(rawValue: t) { self = exact; return }
        if t.contains("quintile") { self = .quintiles }
        else if t.contains("99.8") && t.contains("95") { self = .twoLevel }
        else if t.contains("99.8") { self = .ci998 }
        else if t.contains("95") { self = .ci95 }
        else if t == "none" || t.contains("no comparison") || t.contains("not compared") { self = .none }
        else { return nil }
    }
}
