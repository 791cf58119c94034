/// Rows grouped by the text of some columns, with numeric columns summed per group — the input
/// of `--group-by` for row-wise statistics (PHE sums numerators and denominators by group).
///
/// Groups keep the order in which they first appear. A missing value in any row of a group
/// makes that group's sum missing (the statistic then reports it), never silently dropped.
package struct GroupedSums {
    package let groupNames: [String]
    package let valueNames: [String]
    /// The key texts of each group, in first-appearance order.
    package private(set) var keys: [[String]] = []
    /// sums[g * valueCount + k]
    package private(set) var sums: [Double] = []
    package private(set) var rowCounts: [Int] = []
    package let fileName: String

    /// Reads `reader`, grouping by `groupColumns` and summing `valueColumns`. When `validate` is
    /// given it checks each row first (so an error names the row's own line and column).
    package init(reader: CSVReader, groupColumns: [Int], valueColumns: [Int],
                validate: ((UnsafePointer<Double>) -> RowIssue?)? = nil) throws {
        groupNames = groupColumns.map { reader.header[$0] }
        valueNames = valueColumns.map { reader.header[$0] }
        fileName = reader.name
        var index: [String: Int] = [:]
        let nv = valueColumns.count
        let row = UnsafeMutablePointer<Double>.allocate(capacity: max(nv, 1))
        defer { row.deallocate() }
        var keys: [[String]] = [], sums: [Double] = [], counts: [Int] = []
        try reader.forEachRow { s in
            for k in 0..<nv { row[k] = try reader.number(s, valueColumns[k]) }
            if let validate, let issue = validate(row) {
                let c = valueColumns[issue.input]
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: c + 1),
                                               reason: issue.reason + " (column '\(reader.header[c])')")
            }
            let parts = groupColumns.map { s.text($0) }
            let key = parts.joined(separator: "\u{1F}")
            let g: Int
            if let found = index[key] {
                g = found
            } else {
                g = keys.count
                index[key] = g
                keys.append(parts)
                sums.append(contentsOf: repeatElement(0, count: nv))
                counts.append(0)
            }
            for k in 0..<nv { sums[g * nv + k] += row[k] }
            counts[g] += 1
        }
        self.keys = keys
        self.sums = sums
        self.rowCounts = counts
    }

    package var groupCount: Int { keys.count }

    /// Applies a row-wise statistic to each group's sums: header = group columns, summed value
    /// columns, the statistic's columns.
    package func apply<S: RowwiseStatistic>(_ statistic: S, format: TableFormat = .csv) throws -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(groupNames + valueNames + statistic.outputColumns)
        let nv = valueNames.count
        try sums.withUnsafeBufferPointer { buf in
            for g in 0..<keys.count {
                for k in keys[g] { out.field(k) }
                for k in 0..<nv { out.field(buf[g * nv + k]) }
                do throws(RowIssue) {
                    let r = try statistic.result(buf.baseAddress! + g * nv)
                    out.appendInterval(r, confidence: statistic.confidence, statistic: statistic.statistic)
                } catch {
                    throw EquityError.invalidValue(SourceLocation(file: fileName, line: 1, column: 1),
                                                   reason: "group \(keys[g].joined(separator: ", ")): \(error.reason)")
                }
                out.endRow()
            }
        }
        out.finishTable()
        return out
    }
}
