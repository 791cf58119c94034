/// One row of a CSV file at a time (what `CSVReader.forEachRow` hands you): its line, its
/// fields as text, numbers or raw bytes.
///
/// Splits CSV bytes (RFC 4180) into rows and fields without copying: each field is a byte range
/// into the input. One scanner is reused for every row, so scanning allocates nothing per row.
///
/// Accepts `\n`, `\r\n` and `\r` line ends, quoted fields with `""` escapes and embedded line
/// breaks, and skips blank lines. `line` is the physical (1-based) line on which the current row
/// starts, for messages.
public final class CSVScanner {
    @usableFromInline package let base: UnsafePointer<UInt8>
    @exclusivity(unchecked) package private(set) var position: Int
    package let end: Int
    /// The physical line on which the current row starts.
    @exclusivity(unchecked) public private(set) var line: Int
    /// Byte range of the current row's text (without its line end).
    @exclusivity(unchecked) package private(set) var rowStart = 0
    @exclusivity(unchecked) package private(set) var rowEnd = 0
    /// Number of fields in the current row.
    @exclusivity(unchecked) public private(set) var fieldCount = 0
    @exclusivity(unchecked) @usableFromInline var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var escaped: UnsafeMutablePointer<Bool>
    @exclusivity(unchecked) private var capacity: Int

    /// What `next()` found.
    package enum Step: Equatable {
        case row
        case end
        /// Malformed input at the given field (1-based) of the row on `line`.
        case malformed(column: Int, reason: String)
    }

    /// Scans `bytes[range]`; `firstLine` is the physical line number at `range.lowerBound`.
    package init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, firstLine: Int) {
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        position = range.lowerBound
        end = range.upperBound
        line = firstLine
        capacity = 64
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        escaped = .allocate(capacity: capacity)
    }

    deinit {
        scratch.deallocate()
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    private func growFields() {
        let n = capacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let e = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let q = UnsafeMutablePointer<Bool>.allocate(capacity: n)
        s.update(from: starts, count: capacity)
        e.update(from: ends, count: capacity)
        q.update(from: escaped, count: capacity)
        starts.deallocate(); ends.deallocate(); escaped.deallocate()
        starts = s; ends = e; escaped = q
        capacity = n
    }

    @exclusivity(unchecked) private var pendingLines = 0

    /// Advances to the next non-blank row.
    package func next() -> Step {
        line += pendingLines
        pendingLines = 0
        // Skip blank lines.
        while position < end {
            let c = base[position]
            if c == 0x0A { position += 1; line += 1; continue }
            if c == 0x0D {
                position += 1
                if position < end && base[position] == 0x0A { position += 1 }
                line += 1
                continue
            }
            break
        }
        if position >= end { return .end }
        rowStart = position
        fieldCount = 0
        var pos = position
        while true {
            if fieldCount == capacity { growFields() }
            if pos < end && base[pos] == 0x22 {
                pos += 1
                let s = pos
                var hasEscape = false
                while true {
                    while pos < end && base[pos] != 0x22 {
                        // A line break inside quotes: LF, CRLF or a lone CR (old Mac files).
                        let c = base[pos]
                        if c == 0x0A || (c == 0x0D && (pos + 1 >= end || base[pos + 1] != 0x0A)) { pendingLines += 1 }
                        pos += 1
                    }
                    if pos >= end {
                        position = end
                        return .malformed(column: fieldCount + 1, reason: "unterminated quoted field")
                    }
                    if pos + 1 < end && base[pos + 1] == 0x22 {
                        hasEscape = true
                        pos += 2
                        continue
                    }
                    break
                }
                starts[fieldCount] = s
                ends[fieldCount] = pos
                escaped[fieldCount] = hasEscape
                fieldCount += 1
                pos += 1
                if pos < end {
                    let c = base[pos]
                    if c != 0x2C && c != 0x0A && c != 0x0D {
                        skipRow(from: pos)
                        return .malformed(column: fieldCount, reason: "unexpected text after a closing quote")
                    }
                }
            } else {
                let s = pos
                while pos < end {
                    let c = base[pos]
                    if c == 0x2C || c == 0x0A || c == 0x0D { break }
                    pos += 1
                }
                starts[fieldCount] = s
                ends[fieldCount] = pos
                escaped[fieldCount] = false
                fieldCount += 1
            }
            if pos >= end {
                rowEnd = pos
                position = pos
                return .row
            }
            let c = base[pos]
            if c == 0x2C { pos += 1; continue }
            rowEnd = pos
            if c == 0x0D {
                pos += 1
                if pos < end && base[pos] == 0x0A { pos += 1 }
            } else {
                pos += 1
            }
            pendingLines += 1
            position = pos
            return .row
        }
    }

    private func skipRow(from start: Int) {
        var pos = start
        while pos < end && base[pos] != 0x0A { pos += 1 }
        position = min(pos + 1, end)
        pendingLines += 1
    }

    /// The raw bytes of field `i` (inside quotes, `""` escapes not undone).
    @inlinable
    public func rawField(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
    }

    /// Field `i`'s bytes with `""` escapes undone (valid until the next call or `next()`), for
    /// interning without creating a `String`.
    public func unescapedField(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let raw = rawField(i)
        if !escaped[i] { return raw }
        if scratchCapacity < raw.count {
            scratch.deallocate()
            scratchCapacity = max(raw.count, 2 * scratchCapacity)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var n = 0, k = 0
        while k < raw.count {
            scratch[n] = raw[k]
            n += 1
            if raw[k] == 0x22 { k += 1 }
            k += 1
        }
        return UnsafeBufferPointer(start: scratch, count: n)
    }

    @exclusivity(unchecked) private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    @exclusivity(unchecked) private var scratchCapacity = 64

    /// Field `i` as text, with `""` escapes undone.
    public func text(_ i: Int) -> String {
        let raw = rawField(i)
        if !escaped[i] { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            out.append(raw[k])
            if raw[k] == 0x22 { k += 1 }
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Field `i` parsed as a number.
    @inlinable
    public func number(_ i: Int) -> NumberParsing.Parsed {
        NumberParsing.parse(base, starts[i], ends[i])
    }

    /// The raw bytes of the whole current row (without its line end).
    package var rowBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + rowStart, count: rowEnd - rowStart)
    }
}
