/// A CSV file with a header row: its column names, and ways to read its data by column.
///
/// The file is memory-mapped (see `MappedFile`); fields are parsed straight from its bytes.
/// Column look-ups happen once, before any loop over rows.
public final class CSVReader {
    /// The file's bytes.
    public let file: MappedFile
    /// The header's column names (a UTF-8 byte-order mark is dropped).
    public let header: [String]
    /// Byte offset where data rows begin (testing interface: the fuzz targets check chunking).
    @_spi(Testing) public let dataStart: Int
    /// The physical line number where data rows begin.
    package let dataFirstLine: Int

    /// The file's name, as messages show it.
    public var name: String { file.name }

    /// Reads the header of a file already open (or in memory).
    public init(file: MappedFile) throws {
        self.file = file
        var start = 0
        let b = file.bytes
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { start = 3 }
        let scanner = CSVScanner(bytes: b, range: start..<b.count, firstLine: 1)
        switch scanner.next() {
        case .end:
            throw EquityError.malformedInput(SourceLocation(file: file.name, line: 1, column: 1),
                                             reason: "the file is empty; expected a header row")
        case let .malformed(column, reason):
            throw EquityError.malformedInput(SourceLocation(file: file.name, line: scanner.line, column: column),
                                             reason: reason)
        case .row:
            header = (0..<scanner.fieldCount).map { scanner.text($0).trimmingSpaces }
            dataStart = scanner.position
            // The line after the header (blank lines before data are skipped by the scanner).
            dataFirstLine = scanner.line + 1
        }
    }

    /// Opens a path (`-` for standard input).
    public convenience init(path: String) throws {
        try self.init(file: MappedFile.open(path))
    }

    /// The index of a named column, or `EquityError.unknownColumn`.
    public func column(_ name: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        throw EquityError.unknownColumn(name: name, file: file.name, available: header)
    }

    /// A scanner over all data rows.
    package func scanner() -> CSVScanner {
        CSVScanner(bytes: file.bytes, range: dataStart..<file.bytes.count, firstLine: dataFirstLine)
    }

    /// Reads rows, checking each has as many fields as the header, calling `body` per row.
    public func forEachRow(_ body: (CSVScanner) throws -> Void) throws {
        let s = scanner()
        while true {
            switch s.next() {
            case .end: return
            case let .malformed(column, reason):
                throw EquityError.malformedInput(SourceLocation(file: name, line: s.line, column: column), reason: reason)
            case .row:
                if s.fieldCount != header.count {
                    throw EquityError.malformedInput(
                        SourceLocation(file: name, line: s.line, column: min(s.fieldCount, header.count) + 1),
                        reason: "expected \(header.count) fields as in the header, found \(s.fieldCount)")
                }
                try body(s)
            }
        }
    }

    /// Parses field `index` of the scanner's row as a number: NaN for a missing value, an
    /// `invalidValue` error naming file, line, column and the text for anything else.
    @inlinable
    public func number(_ s: CSVScanner, _ index: Int) throws -> Double {
        switch s.number(index) {
        case let .number(v): return v
        case .missing: return .nan
        case let bad:
            throw EquityError.invalidValue(SourceLocation(file: name, line: s.line, column: index + 1),
                                           reason: NumberParsing.problem(bad, text: s.text(index), column: header[index]))
        }
    }

    /// Reads whole columns: named numeric columns as `[Double]` (NaN = missing) and text
    /// columns as `[String]`, with each row's line number.
    package func readColumns(numeric: [Int], text: [Int] = []) throws -> ColumnData {
        var nums = [[Double]](repeating: [], count: numeric.count)
        var texts = [[String]](repeating: [], count: text.count)
        var lines: [Int] = []
        try forEachRow { s in
            for (k, c) in numeric.enumerated() { nums[k].append(try number(s, c)) }
            for (k, c) in text.enumerated() { texts[k].append(s.text(c)) }
            lines.append(s.line)
        }
        return ColumnData(numeric: nums, text: texts, lines: lines)
    }

    /// Splits the data region into ranges of about `targetSize` bytes that start and end on row
    /// boundaries (never inside a quoted field), for processing in parallel (testing interface:
    /// the fuzz targets check it on arbitrary bytes).
    @_spi(Testing) public func chunks(targetSize: Int) -> [Range<Int>] {
        let b = file.bytes
        let n = b.count
        guard let base = b.baseAddress, n > dataStart else { return [] }
        var result: [Range<Int>] = []
        let hasQuotes = memchrQuote(base + dataStart, n - dataStart)
        var start = dataStart
        if !hasQuotes {
            while start < n {
                var cut = min(start + targetSize, n)
                while cut < n && base[cut - 1] != 0x0A { cut += 1 }
                result.append(start..<cut)
                start = cut
            }
            return result
        }
        // Jump from quote to quote with memchr (quote parity decides whether a line end is a row
        // end); look for a line end only in the unquoted stretch that reaches the target.
        var pos = dataStart
        var target = start + targetSize
        func find(_ byte: Int32, from: Int, to: Int) -> Int? {
            guard from < to, let hit = memchr(base + from, byte, to - from) else { return nil }
            return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
        }
        while pos < n {
            // Unquoted stretch [pos, q).
            let q = find(0x22, from: pos, to: n) ?? n
            while target <= q + 1 {
                guard let newline = find(0x0A, from: max(pos, target - 1), to: q) else { break }
                result.append(start..<(newline + 1))
                start = newline + 1
                target = start + targetSize
            }
            guard q < n else { break }
            // Quoted stretch: up to the closing quote ("" is two toggles, so it closes and reopens).
            guard let close = find(0x22, from: q + 1, to: n) else { break }
            pos = close + 1
        }
        if start < n { result.append(start..<n) }
        return result
    }

    private func memchrQuote(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        UnsafeRawPointer(p).withMemoryRebound(to: UInt8.self, capacity: count) { _ in
            memchr(p, 0x22, count) != nil
        }
    }
}

/// Columns read from a CSV file (see `CSVReader.readColumns`).
package struct ColumnData: Sendable {
    package var numeric: [[Double]]
    package var text: [[String]]
    /// The physical line of each row, for messages.
    package var lines: [Int]
    package var rowCount: Int { lines.count }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
