/// SII input read from CSV and checked as PHE checks it, grouped and ordered by quantile.
public struct SIITable {
    /// The group columns' names.
    public var groupNames: [String]
    /// Each group's key texts.
    public var keys: [[String]]
    /// nil where the group cannot be computed (the reason is in `notes`).
    public var groups: [SlopeIndex.Group?]
    /// Why a group cannot be computed (empty otherwise).
    public var notes: [String]

    /// A table of groups.
    public init(groupNames: [String], keys: [[String]], groups: [SlopeIndex.Group?], notes: [String]) {
        self.groupNames = groupNames
        self.keys = keys
        self.groups = groups
        self.notes = notes
    }
}

/// Reads and validates `equity sii` input.
public enum SIITableReader {
    /// Reads one row per quantile (and group), checks the rows as PHE does, and orders each
    /// group's quantiles (numerically when every label is a number).
    public static func read(path: String, groupBy: [String], quantile: String, population: String, value: String?, numerator: String?,
                            se: String?, lowerCL: String?, upperCL: String?, covariates: [String],
                            valueType: SlopeIndex.ValueType) throws -> SIITable {
        guard value != nil || numerator != nil else { throw EquityError.invalidArgument("give --value (or --numerator for proportions)") }
        if value == nil && valueType != .proportion { throw EquityError.invalidArgument("--numerator applies to --value-type proportion only") }
        guard se != nil || (lowerCL != nil && upperCL != nil) else {
            throw EquityError.invalidArgument("give --se, or both --lower-cl and --upper-cl")
        }
        let reader = try CSVReader(path: path)
        var numeric = [try reader.column(population), try reader.column(value ?? numerator!)]
        let seIndex = numeric.count
        if let se { numeric.append(try reader.column(se)) } else {
            numeric.append(try reader.column(lowerCL!))
            numeric.append(try reader.column(upperCL!))
        }
        let covColumns = try covariates.map { try reader.column($0) }
        let grouped = try GroupedColumns(reader: reader, groupColumns: try groupBy.map { try reader.column($0) }, numeric: numeric,
                                         text: [try reader.column(quantile)] + covColumns)
        let pop = grouped.numeric(0), raw = grouped.numeric(1)
        let quantileText = grouped.text(0)
        // Quantiles: numeric order when every label is a number, text order otherwise.
        let labels = Array(Set(quantileText))
        let numericLabels = labels.allSatisfy { if case .number = NumberParsing.parse($0) { return true } else { return false } }
        let sortedLabels = numericLabels
            ? labels.sorted { a, b in
                guard case let .number(x) = NumberParsing.parse(a), case let .number(y) = NumberParsing.parse(b) else { return a < b }
                return x < y }
            : labels.sorted()
        let position = Dictionary(uniqueKeysWithValues: sortedLabels.enumerated().map { ($1, $0) })
        let nq = sortedLabels.count
        if nq < 5 || nq > 100 {
            throw EquityError.invalidValue(SourceLocation(file: reader.name, line: 1, column: try reader.column(quantile) + 1),
                                           reason: "the SII needs 5 to 100 quantiles; column '\(quantile)' has \(nq)")
        }
        // Row checks (PHE stops on these).
        for r in 0..<pop.count {
            if !(pop[r] > 0) { throw grouped.fail(row: r, numeric: 0, "population must be greater than zero") }
            if raw[r].isNaN { continue }
            if valueType == .proportion {
                let v = value != nil ? raw[r] : raw[r] / pop[r]
                if value == nil && raw[r] <= 0 { throw grouped.fail(row: r, numeric: 1, "count must be greater than zero for a proportion") }
                if v < 0 || v > 1 { throw grouped.fail(row: r, numeric: 1, "proportion \(NumberFormatting.string(v)) is not between 0 and 1") }
            }
            if valueType == .rate && raw[r] <= 0 { throw grouped.fail(row: r, numeric: 1, "a rate must be greater than zero to take its log") }
            if se != nil {
                let s = grouped.numeric(seIndex)[r]
                if s.isNaN || s < 0 { throw grouped.fail(row: r, numeric: seIndex, "standard error must be zero or more") }
            } else {
                let lo = grouped.numeric(seIndex)[r], hi = grouped.numeric(seIndex + 1)[r]
                if lo.isNaN || hi.isNaN { throw grouped.fail(row: r, numeric: lo.isNaN ? seIndex : seIndex + 1, "confidence limit missing") }
                if valueType == .proportion && (lo < 0 || lo > 1 || hi < 0 || hi > 1) {
                    throw grouped.fail(row: r, numeric: seIndex, "confidence limits of a proportion must lie between 0 and 1")
                }
                if hi < lo { throw grouped.fail(row: r, numeric: seIndex + 1, "upper limit is below the lower limit") }
            }
        }
        var groups: [SlopeIndex.Group?] = [], notes: [String] = []
        for gi in 0..<grouped.keys.count {
            let rows = grouped.members[gi].sorted { position[quantileText[$0]]! < position[quantileText[$1]]! }
            let present = Set(rows.map { position[quantileText[$0]]! })
            if present.count < nq {
                let missing = sortedLabels.filter { !present.contains(position[$0]!) }
                groups.append(nil)
                notes.append("quantile \(missing.joined(separator: ", ")) missing: SII not calculated")
                continue
            }
            if covariates.isEmpty && rows.count != nq {
                let key = grouped.keys[gi].joined(separator: ", ")
                let whole = key.isEmpty ? "the table has \(rows.count) rows for \(nq) quantiles; give --group-by for several areas, or"
                                        : "group \(key) has \(rows.count) rows for \(nq) quantiles; give"
                throw EquityError.invalidValue(grouped.location(row: rows[0], numeric: 0),
                    reason: "\(whole) --covariates for several rows per quantile")
            }
            if let r = rows.first(where: { raw[$0].isNaN }) {
                groups.append(nil)
                notes.append("value missing for quantile \(quantileText[r]): SII not calculated")
                continue
            }
            let values = rows.map { value != nil ? raw[$0] : raw[$0] / pop[$0] }
            let ses: [Double] = rows.map { r in
                if se != nil { return grouped.numeric(seIndex)[r] }
                return SlopeIndex.standardError(lower: grouped.numeric(seIndex)[r], upper: grouped.numeric(seIndex + 1)[r], valueType: valueType)
            }
            var design: [[Double]] = []
            for (k, _) in covariates.enumerated() {
                let texts = rows.map { grouped.text(1 + k)[$0] }
                let numbers = texts.map { t -> Double? in if case let .number(v) = NumberParsing.parse(t) { return v } else { return nil } }
                if numbers.allSatisfy({ $0 != nil }) {
                    design.append(numbers.map { $0! })
                } else {
                    let levels = Array(Set(texts)).sorted()
                    for level in levels.dropFirst() { design.append(texts.map { $0 == level ? 1 : 0 }) }
                }
            }
            groups.append(SlopeIndex.Group(population: rows.map { pop[$0] }, value: values, se: ses, covariates: design,
                                           quantile: rows.map { position[quantileText[$0]]! }))
            notes.append("")
        }
        return SIITable(groupNames: grouped.groupNames, keys: grouped.keys, groups: groups, notes: notes)
    }
}

/// Computes every group of an `SIITable` and writes the output table.
public enum SIIRunner {
    /// One row per group: sii and limits per level, rii and limits (with `options.rii`),
    /// intercept, reliability measures, note.
    public static func run(_ table: SIITable, options: SlopeIndex.Options, format: TableFormat = .csv,
                           threads: Int = Parallelism.threads) throws -> ByteWriter {
        let sii = SlopeIndex(options: options)
        let levels = options.confidence
        let tags = levels.levels.map { c -> String in
            var t = ConfidenceLevels.percentText(c)
            if !t.contains(".") { t += ".0" }
            return String(t.map { $0 == "." ? "_" : $0 })
        }
        var header = table.groupNames + ["sii"]
        for t in tags { header += ["sii_lower\(t)cl", "sii_upper\(t)cl"] }
        if options.rii {
            header.append("rii")
            for t in tags { header += ["rii_lower\(t)cl", "rii_upper\(t)cl"] }
        }
        header.append("intercept")
        if options.reliability {
            for t in tags { header.append("sii_mad\(t)") }
            if options.rii { for t in tags { header.append("rii_mad\(t)") } }
        }
        header.append("note")
        let out = ByteWriter()
        out.format = format
        out.header(header)
        let count = table.groups.count
        let results = try sii.compute(table.groups, threads: threads)
        for gi in 0..<count {
            for k in table.keys[gi] { out.field(k) }
            let r = results[gi] ?? .missing(levels: levels.count, note: table.notes[gi])
            let note = r.note
            out.field(r.sii)
            for k in 0..<levels.count { out.field(r.siiLower[k]); out.field(r.siiUpper[k]) }
            if options.rii {
                out.field(r.rii)
                for k in 0..<levels.count { out.field(r.riiLower[k]); out.field(r.riiUpper[k]) }
            }
            out.field(r.intercept)
            if options.reliability {
                for k in 0..<levels.count { out.field(r.siiMAD.isEmpty ? .nan : r.siiMAD[k]) }
                if options.rii { for k in 0..<levels.count { out.field(r.riiMAD.isEmpty ? .nan : r.riiMAD[k]) } }
            }
            out.field(note)
            out.endRow()
        }
        out.finishTable()
        return out
    }
}
