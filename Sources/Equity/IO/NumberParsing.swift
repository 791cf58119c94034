#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers straight from bytes, without creating a `String` per field.
///
/// Fast path (Clinger 1990): when the decimal significand has at most 19 digits and fits 2⁵³,
/// and the power of ten is within ±22, one exact multiplication or division by an exact power of
/// ten gives the correctly rounded result. Anything else goes to the C library's `strtod`, which
/// is correctly rounded too. Leading/trailing spaces are ignored.
public enum NumberParsing {
    /// What a field holds.
    public enum Parsed: Equatable {
        case number(Double)
        case missing
        case invalid
        /// Infinite or beyond the range of a Double (`Inf`, `-infinity`, `1e400`): never a
        /// statistic's input.
        case nonFinite
    }

    /// The message for a field that is not a usable number: names the text (control
    /// characters such as an embedded line break escaped, so the message stays one line) and
    /// the column.
    public static func problem(_ parsed: Parsed, text: String, column: String) -> String {
        let shown = MessageText.quoted(text)
        if parsed == .nonFinite { return "\(shown) in column '\(column)' is not a finite number" }
        return "\(shown) in column '\(column)' is not a number"
    }

    /// A number written with thousands separators as spreadsheets and Fingertips exports do
    /// ("1,480", "-12,345,678.5"): the commas must group the integer part in threes; anything
    /// else is `.invalid`. Other texts parse as `parse` does.
    public static func parseGrouped(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Parsed {
        let plain = parse(p, start, end)
        guard plain == .invalid else { return plain }
        var i = start, e = end
        while i < e && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        while e > i && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        guard e - i <= 64 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digits -> Parsed in
            var n = 0
            var j = i
            if j < e && (p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+")) { digits[n] = p[j]; n += 1; j += 1 }
            var group = 0, groups = 0, sawComma = false
            while j < e && p[j] != UInt8(ascii: ".") {
                let c = p[j]
                if c == UInt8(ascii: ",") {
                    if (groups == 0 && (group == 0 || group > 3)) || (groups > 0 && group != 3) { return .invalid }
                    groups += 1; group = 0; sawComma = true
                } else if c &- 48 < 10 {
                    digits[n] = c; n += 1; group += 1
                } else {
                    return .invalid
                }
                j += 1
            }
            guard sawComma, group == 3 else { return .invalid }
            while j < e { digits[n] = p[j]; n += 1; j += 1 }
            return parse(UnsafePointer(digits.baseAddress!), 0, n)
        }
    }

    @usableFromInline
    static let exactPowers: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// Parses bytes [start, end) of `p`: a number, a missing marker (empty, `NA`, `NaN`, `.`)
    /// or invalid.
    @inlinable
    public static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Parsed {
        var i = start, e = end
        while i < e && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        while e > i && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        if i == e { return .missing }
        let first = p[i]
        if first == UInt8(ascii: "N") || first == UInt8(ascii: "n") || (first == UInt8(ascii: ".") && e - i == 1) {
            let len = e - i
            if len == 1 && first == UInt8(ascii: ".") { return .missing }
            if len == 2 && (p[i + 1] == UInt8(ascii: "A") || p[i + 1] == UInt8(ascii: "a")) { return .missing }
            if len == 3 && (p[i + 1] | 0x20) == UInt8(ascii: "a") && (p[i + 2] | 0x20) == UInt8(ascii: "n") { return .missing }
        }
        var j = i
        var negative = false
        if p[j] == UInt8(ascii: "-") { negative = true; j += 1 } else if p[j] == UInt8(ascii: "+") { j += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while j < e, p[j] &- 48 < 10 {
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[j] &- 48)
                if mantissa != 0 { digits += 1 }
            } else {
                return slow(p, i, e)
            }
            j += 1
        }
        if j < e && p[j] == UInt8(ascii: ".") {
            j += 1
            while j < e, p[j] &- 48 < 10 {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[j] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else {
                    return slow(p, i, e)
                }
                j += 1
            }
        }
        if !sawDigit { return slow(p, i, e) }
        if j < e && (p[j] == UInt8(ascii: "e") || p[j] == UInt8(ascii: "E")) {
            j += 1
            var expNegative = false
            if j < e && (p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+")) {
                expNegative = p[j] == UInt8(ascii: "-")
                j += 1
            }
            var ev = 0
            var sawExp = false
            while j < e, p[j] &- 48 < 10 {
                sawExp = true
                if ev < 100_000 { ev = ev * 10 + Int(p[j] &- 48) }
                j += 1
            }
            if !sawExp { return .invalid }
            exponent += expNegative ? -ev : ev
        }
        if j != e { return .invalid }
        if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
        if mantissa > (1 << 53) || exponent < -22 || exponent > 22 { return slow(p, i, e) }
        var value = Double(mantissa)
        if exponent < 0 { value /= exactPowers[-exponent] } else if exponent > 0 { value *= exactPowers[exponent] }
        return .number(negative ? -value : value)
    }

    @usableFromInline
    static func slow(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Parsed {
        let len = end - start
        if len > 400 { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
            for k in 0..<len { buf[k] = CChar(bitPattern: p[start + k]) }
            buf[len] = 0
            var endPtr: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(buf.baseAddress!, &endPtr)
            guard let endPtr, endPtr - buf.baseAddress! == len else { return .invalid }
            // strtod accepts hex and "infinity"; accept only what a CSV user means by a number.
            for k in 0..<len where buf[k] == CChar(UInt8(ascii: "x")) || buf[k] == CChar(UInt8(ascii: "X")) {
                return .invalid
            }
            if v.isNaN { return .missing }
            if !v.isFinite { return .nonFinite }
            return .number(v)
        }
    }

    /// Convenience for tests and small inputs.
    public static func parse(_ text: String) -> Parsed {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { parse($0.baseAddress!, 0, $0.count - 1) }
    }
}
