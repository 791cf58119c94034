/// A CSV file's rows split into groups by the text of some columns, with chosen numeric and
/// text columns read whole — the input shape of every grouped statistic (DSR, ISR, means, life
/// expectancy, quantiles). Groups keep first-appearance order; with no group columns the whole
/// file is one group.
package struct GroupedColumns {
    package let fileName: String
    package let groupNames: [String]
    /// The key texts of each group.
    package let keys: [[String]]
    /// Row indices of each group, in file order.
    package let members: [[Int]]
    package let data: ColumnData
    let numericColumns: [Int]
    let textColumns: [Int]
    let header: [String]

    package init(reader: CSVReader, groupColumns: [Int], numeric: [Int], text: [Int] = []) throws {
        fileName = reader.name
        header = reader.header
        groupNames = groupColumns.map { reader.header[$0] }
        numericColumns = numeric
        textColumns = text
        data = try reader.readColumns(numeric: numeric, text: groupColumns + text)
        var index: [[String]: Int] = [:]
        var foundKeys: [[String]] = [], foundMembers: [[Int]] = []
        let g = groupColumns.count
        let texts = data.text
        for r in 0..<data.rowCount {
            let key = (0..<g).map { texts[$0][r] }
            if let k = index[key] {
                foundMembers[k].append(r)
            } else {
                index[key] = foundKeys.count
                foundKeys.append(key)
                foundMembers.append([r])
            }
        }
        keys = foundKeys
        members = foundMembers
    }

    /// Numeric column `k` (in the order given to `init`).
    package func numeric(_ k: Int) -> [Double] { data.numeric[k] }

    /// Text column `k` of those given as `text:` to `init`.
    package func text(_ k: Int) -> [String] { data.text[groupNames.count + k] }

    /// Where row `row`'s numeric column `k` is, for messages.
    package func location(row: Int, numeric k: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: data.lines[row], column: numericColumns[k] + 1)
    }

    /// Where row `row`'s text column `k` (of those given as `text:`) is, for messages.
    package func location(row: Int, text k: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: data.lines[row], column: textColumns[k] + 1)
    }

    /// An `invalidValue` error at a text column (naming it).
    package func fail(row: Int, text k: Int, _ reason: String) -> EquityError {
        .invalidValue(location(row: row, text: k), reason: reason + " (column '\(header[textColumns[k]])')")
    }

    /// Throws `invalidValue` at that place.
    package func fail(row: Int, numeric k: Int, _ reason: String) -> EquityError {
        .invalidValue(location(row: row, numeric: k), reason: reason + " (column '\(header[numericColumns[k]])')")
    }

    /// Writes one group's key fields.
    package func appendKey(_ g: Int, to out: ByteWriter) {
        for k in keys[g] { out.field(k) }
    }
}

extension ByteWriter {
    /// Appends an interval's value and limits as fields, then confidence,
    /// statistic, method and note.
    package func appendInterval(_ r: IntervalResult, confidence: ConfidenceLevels, statistic: String) {
        field(r.value)
        for k in 0..<r.lower.count {
            field(r.lower[k])
            field(r.upper[k])
        }
        field(confidence.label)
        field(statistic)
        field(r.method?.rawValue ?? "")
        field(r.note)
    }
}
