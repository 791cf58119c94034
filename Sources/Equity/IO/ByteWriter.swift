/// How a table is written.
public enum TableFormat: String, Sendable, CaseIterable {
    /// CSV with a header row (RFC 4180 quoting).
    case csv
    /// A JSON array of objects, one per row, keyed by the header's names.
    case json
}

/// A growable byte buffer for building output without per-field `String`s.
///
/// Fields are appended raw (`append(bytes:)`), as numbers (`append(_: Double)`) or as CSV text
/// (`appendField(_:)`, quoted per RFC 4180 when it holds a comma, quote or line break).
public final class ByteWriter {
    @exclusivity(unchecked) @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    /// The number of bytes written so far.
    public var count: Int { _count }
    @exclusivity(unchecked) @usableFromInline var _count: Int

    /// An empty writer with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
        _count = 0
    }

    deinit { storage.deallocate() }

    /// The bytes written so far (valid while the writer lives and is not appended to).
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Calls `body` with the bytes written so far; the pointer must not escape.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(bytes) }
    }

    /// The contents as text (UTF-8; invalid sequences repaired).
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Forgets the contents, keeping the memory.
    public func removeAll() { _count = 0 }

    /// Makes room for `extra` more bytes.
    @inlinable
    public func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    @usableFromInline
    func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        p.update(from: storage, count: count)
        storage.deallocate()
        storage = p
        capacity = newCapacity
    }

    /// Appends one byte.
    @inlinable
    public func append(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        _count += 1
    }

    /// Appends `n` bytes from `p`.
    @inlinable
    public func append(bytes p: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (storage + count).update(from: p, count: n)
        _count += n
    }

    /// Appends a buffer's bytes.
    public func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        if let base = buffer.baseAddress { append(bytes: base, count: buffer.count) }
    }

    /// Appends text as is (no quoting).
    public func append(raw text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a number in shortest round-trip form; NaN appends nothing (an empty field).
    @inlinable
    public func append(_ value: Double) {
        reserve(40)
        _count += NumberFormatting.write(value, to: storage + count)
    }

    /// Appends an integer.
    public func append(_ value: Int) {
        reserve(24)
        _count += NumberFormatting.writeInteger(Int64(value), to: storage + count, negativeZero: false)
    }

    /// Appends one CSV field, quoting it when needed.
    public func appendField(_ text: String) {
        var text = text
        text.withUTF8 { appendField(bytes: $0) }
    }

    /// Appends one CSV field from raw (unescaped) bytes, quoting it when needed.
    public func appendField(bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes { append(bytes); return }
        reserve(bytes.count * 2 + 2)
        append(byte: 0x22)
        for b in bytes {
            if b == 0x22 { append(byte: 0x22) }
            append(byte: b)
        }
        append(byte: 0x22)
    }

    /// Appends a row of CSV fields ending with a newline (raw CSV, whatever the format).
    public func appendRow(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { append(byte: 0x2C) }
            appendField(f)
        }
        append(byte: 0x0A)
    }

    // MARK: Tables (CSV or JSON)

    /// How `header`, `field` and `endRow` write: CSV rows, or a JSON array of objects keyed by
    /// the header's names (numbers as numbers, missing numbers as `null`, texts as strings).
    @exclusivity(unchecked) public var format: TableFormat = .csv
    /// The JSON keys (the header's names, already escaped and quoted).
    @exclusivity(unchecked) private var keys: [[UInt8]] = []
    /// The index of the next field of the current row.
    @exclusivity(unchecked) private var fieldIndex = 0
    /// Rows written so far (JSON: every row after the first starts with a comma).
    @exclusivity(unchecked) public var rowsWritten = 0

    /// Starts a table: the CSV header row, or (JSON) the opening bracket, keeping the names as keys.
    public func header(_ names: [String]) {
        setKeys(names)
        switch format {
        case .csv: appendRow(names)
        case .json: append(raw: "[")
        }
    }

    /// Keeps the column names as JSON keys without writing anything (for writers that continue a
    /// table another writer started, e.g. parallel chunks).
    public func setKeys(_ names: [String]) {
        keys = names.map { name in
            let w = ByteWriter(capacity: name.utf8.count + 8)
            w.appendJSONString(name)
            return Array(w.bytes)
        }
    }

    /// Ends a table (JSON: the closing bracket).
    public func finishTable() {
        if format == .json { append(raw: rowsWritten == 0 ? "]\n" : "\n]\n") }
    }

    /// Whether the current row has a field yet (for `field(_:)` / `endRow()`).
    public var rowHasField: Bool { fieldIndex > 0 }

    /// Starts a field: a comma unless it is the first of its row (JSON: the key too).
    public func beginField() {
        switch format {
        case .csv:
            if fieldIndex > 0 { append(byte: 0x2C) }
        case .json:
            if fieldIndex == 0 { append(raw: rowsWritten > 0 ? ",\n{" : "\n{") } else { append(byte: 0x2C) }
            let key = fieldIndex < keys.count ? keys[fieldIndex] : Array("\"column\(fieldIndex + 1)\"".utf8)
            key.withUnsafeBufferPointer { append($0) }
            append(byte: 0x3A)
        }
        fieldIndex += 1
    }

    /// A text field (CSV: quoted when needed; JSON: a string).
    public func field(_ text: String) {
        beginField()
        if format == .json { appendJSONString(text) } else { appendField(text) }
    }

    /// A text field from raw bytes.
    public func field(bytes: UnsafeBufferPointer<UInt8>) {
        beginField()
        if format == .json { appendJSONString(bytes) } else { appendField(bytes: bytes) }
    }

    /// A field copied from an input CSV (its raw bytes): JSON writes it as a number only when the
    /// text already is a JSON number (`81`, `-0.5`, `1e3` — not `007` or `.5`, so ids and codes keep
    /// their text), as `null` when empty, otherwise as a string.
    public func field(inputText bytes: UnsafeBufferPointer<UInt8>) {
        guard format == .json else { beginField(); appendField(bytes: bytes); return }
        beginField()
        if bytes.isEmpty { append(raw: "null") } else if ByteWriter.isJSONNumber(bytes) { append(bytes) } else { appendJSONString(bytes) }
    }

    /// A number field (CSV: empty for NaN; JSON: `null`).
    public func field(_ value: Double) {
        beginField()
        if format == .json && !value.isFinite { append(raw: "null") } else { append(value) }
    }

    /// An integer field.
    public func field(_ value: Int) { beginField(); append(value) }

    /// CSV only: appends `fields` fields already formatted (joined by commas) as if written one by
    /// one — for a run of fields shared by several rows, formatted once.
    package func appendCSVFields(_ bytes: UnsafeBufferPointer<UInt8>, fields: Int) {
        precondition(format == .csv)
        if fieldIndex > 0 { append(byte: 0x2C) }
        append(bytes)
        fieldIndex += fields
    }

    /// Forgets the contents and the row in progress (a scratch writer for `appendCSVFields`).
    package func discardRow() {
        _count = 0
        fieldIndex = 0
    }

    /// Fields written in the current row.
    package var fieldsInRow: Int { fieldIndex }

    /// Ends the row (CSV: a newline; JSON: the object's closing brace).
    public func endRow() {
        switch format {
        case .csv: append(byte: 0x0A)
        case .json: append(byte: 0x7D)
        }
        fieldIndex = 0
        rowsWritten += 1
    }

    /// Appends a JSON string literal.
    public func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString($0) }
    }

    /// Appends a JSON string literal from UTF-8 bytes (quotes, backslashes and control
    /// characters escaped).
    public func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count + 2)
        append(byte: 0x22)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case 0x22: append(byte: 0x5C); append(byte: 0x22)
            case 0x5C: append(byte: 0x5C); append(byte: 0x5C)
            case 0x0A: append(byte: 0x5C); append(byte: 0x6E)
            case 0x0D: append(byte: 0x5C); append(byte: 0x72)
            case 0x09: append(byte: 0x5C); append(byte: 0x74)
            case 0..<0x20:
                append(raw: "\\u00")
                append(byte: hex[Int(b >> 4)])
                append(byte: hex[Int(b & 15)])
            default: append(byte: b)
            }
        }
        append(byte: 0x22)
    }

    /// Whether bytes spell a JSON number exactly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isJSONNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func digits() -> Int { let s = i; while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }; return i - s }
        if i < n && b[i] == 0x2D { i += 1 }
        guard i < n else { return false }
        if b[i] == 0x30 { i += 1 } else if digits() == 0 { return false }
        if i < n && b[i] == 0x2E { i += 1; if digits() == 0 { return false } }
        if i < n && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < n && (b[i] == 0x2B || b[i] == 0x2D) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }

    /// Takes the written bytes as a `String` (for tests and small outputs).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
