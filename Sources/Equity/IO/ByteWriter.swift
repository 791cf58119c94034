/// A growable byte buffer for building output without per-field `String`s.
///
/// Fields are appended raw (`append(bytes:)`), as numbers (`append(_: Double)`) or as CSV text
/// (`appendField(_:)`, quoted per RFC 4180 when it holds a comma, quote or line break).
public final class ByteWriter {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    /// The number of bytes written so far.
    public var count: Int { _count }
    @usableFromInline var _count: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
        _count = 0
    }

    deinit { storage.deallocate() }

    /// The bytes written so far.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Forgets the contents, keeping the memory.
    public func removeAll() { _count = 0 }

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

    @inlinable
    public func append(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        _count += 1
    }

    @inlinable
    public func append(bytes p: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (storage + count).update(from: p, count: n)
        _count += n
    }

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

    /// Appends a row of CSV fields ending with a newline.
    public func appendRow(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { append(byte: 0x2C) }
            appendField(f)
        }
        append(byte: 0x0A)
    }

    /// Whether the current row has a field yet (for `field(_:)` / `endRow()`).
    public var rowHasField = false

    /// Starts a field: a comma unless it is the first of its row.
    public func beginField() {
        if rowHasField { append(byte: 0x2C) } else { rowHasField = true }
    }

    /// A text field (quoted when needed).
    public func field(_ text: String) { beginField(); appendField(text) }

    /// A number field (empty for NaN).
    public func field(_ value: Double) { beginField(); append(value) }

    /// An integer field.
    public func field(_ value: Int) { beginField(); append(value) }

    /// Ends the row with a newline.
    public func endRow() {
        append(byte: 0x0A)
        rowHasField = false
    }

    /// Takes the written bytes as a `String` (for tests and small outputs).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
