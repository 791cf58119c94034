/// Number formatting for output files: the shortest decimal that reads back as the same Double.
///
/// The digits are those of `Double.description` (shortest round-trip, closest to the value when
/// several are shortest), written straight into a buffer without creating a `String`:
///
/// - whole numbers below 10¹⁵ are written as integers (no trailing `.0`, as R and Python print
///   them);
/// - values in [10⁻³, 10¹⁵) take an exact integer path: for p = 15, 16, 17 significant digits,
///   m = round-half-even(f·10ˢ / 2ᵏ) for v = f·2⁻ᵏ, computed in 128-bit integers, accepting the first
///   p whose decimal lies inside v's rounding interval (so it parses back to v). The correctly
///   rounded 15-digit decimal with trailing zeros removed is the shortest when it round-trips,
///   and 17 digits always do;
/// - anything else (tiny, huge, subnormal) falls back to `Double.description`.
public enum NumberFormatting {
    /// 10⁰ … 10¹⁹ (a literal, so the compiler lays it out statically: no lazy initialisation on
    /// the hot path).
    @usableFromInline
    static let powersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000]

    /// Writes `value` at `buffer` (at least 32 bytes) and returns the number of bytes written.
    /// NaN and ±∞ write nothing (an empty CSV field): Equity never prints them as a statistic;
    /// the statistic's note says why its cell is empty.
    @inlinable
    public static func write(_ value: Double, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        if !value.isFinite { return 0 }
        let magnitude = abs(value)
        if magnitude <= 9_007_199_254_740_992 && value == value.rounded(.towardZero) {
            return writeInteger(Int64(value), to: buffer, negativeZero: value.sign == .minus && value == 0)
        }
        if magnitude >= 1e-3 && magnitude < 1e15 {
            var p = buffer
            if value < 0 { p[0] = UInt8(ascii: "-"); p += 1 }
            if let n = writeShortest(magnitude, to: p) { return n + (value < 0 ? 1 : 0) }
        }
        return writeDescription(value, to: buffer)
    }

    @usableFromInline
    static func writeDescription(_ value: Double, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var text = value.description
        return text.withUTF8 { u in
            buffer.update(from: u.baseAddress!, count: u.count)
            return u.count
        }
    }

    /// The exact path for a positive, non-integral v in [1e-3, 1e15); nil if it does not apply.
    @usableFromInline
    static func writeShortest(_ v: Double, to buffer: UnsafeMutablePointer<UInt8>) -> Int? {
        let bits = v.bitPattern
        let f = (bits & 0x000F_FFFF_FFFF_FFFF) | (1 << 52)
        let binaryExponent = Int((bits >> 52) & 0x7FF) - 1023
        let k = 52 - binaryExponent // v = f / 2^k, k > 0 for non-integers below 2^52
        guard v.isNormal, k > 0, k < 120 else { return nil }
        // Exact decimal exponent: q = ⌊v·10^(16−e10)⌋ must have 17 digits (log10 alone can be
        // off by one next to powers of ten).
        var e10 = Int((Double(binaryExponent) * 0.301_029_995_663_981_2).rounded(.down))
        var normalised = false
        for _ in 0..<3 {
            let s = 16 - e10
            guard s >= 0 && s <= 19 else { return nil }
            let (hi, lo) = f.multipliedFullWidth(by: powersOfTen[s])
            let q = (UInt128(hi) << 64 | UInt128(lo)) >> k
            if q >= UInt128(powersOfTen[17]) { e10 += 1 } else if q < UInt128(powersOfTen[16]) { e10 -= 1 } else {
                normalised = true
                break
            }
        }
        guard normalised else { return nil }
        for p in 15...17 {
            let s = p - 1 - e10
            let ten = powersOfTen[s]
            let (hi, lo) = f.multipliedFullWidth(by: ten)
            let n = UInt128(hi) << 64 | UInt128(lo)
            let q = n >> k
            let rem = n & ((UInt128(1) << k) - 1)
            let half = UInt128(1) << (k - 1)
            var m = q
            var diff = rem
            var above = false
            if rem > half || (rem == half && (q & 1) == 1) {
                m = q + 1
                diff = (UInt128(1) << k) - rem
                above = true
            }
            // Inside v's rounding interval? (half an ulp each side; a quarter below a power of two)
            let bound = UInt128(ten)
            let lowerEdge = f == (1 << 52) && !above
            let twice = lowerEdge ? diff << 2 : diff << 1
            let even = (f & 1) == 0
            if twice < bound || (twice == bound && even) || p == 17 {
                var exponent = e10
                if m == UInt128(powersOfTen[p]) { m /= 10; exponent += 1 }
                return writeDigits(UInt64(m), digits: p, exponent10: exponent, to: buffer)
            }
        }
        return nil
    }

    /// "00", "01", …, "99" as ASCII: two digits per division when writing (a literal, laid out
    /// statically).
    @usableFromInline
    static let digitPairs: [UInt8] = [
        48, 48, 48, 49, 48, 50, 48, 51, 48, 52, 48, 53, 48, 54, 48, 55, 48, 56, 48, 57,
        49, 48, 49, 49, 49, 50, 49, 51, 49, 52, 49, 53, 49, 54, 49, 55, 49, 56, 49, 57,
        50, 48, 50, 49, 50, 50, 50, 51, 50, 52, 50, 53, 50, 54, 50, 55, 50, 56, 50, 57,
        51, 48, 51, 49, 51, 50, 51, 51, 51, 52, 51, 53, 51, 54, 51, 55, 51, 56, 51, 57,
        52, 48, 52, 49, 52, 50, 52, 51, 52, 52, 52, 53, 52, 54, 52, 55, 52, 56, 52, 57,
        53, 48, 53, 49, 53, 50, 53, 51, 53, 52, 53, 53, 53, 54, 53, 55, 53, 56, 53, 57,
        54, 48, 54, 49, 54, 50, 54, 51, 54, 52, 54, 53, 54, 54, 54, 55, 54, 56, 54, 57,
        55, 48, 55, 49, 55, 50, 55, 51, 55, 52, 55, 53, 55, 54, 55, 55, 55, 56, 55, 57,
        56, 48, 56, 49, 56, 50, 56, 51, 56, 52, 56, 53, 56, 54, 56, 55, 56, 56, 56, 57,
        57, 48, 57, 49, 57, 50, 57, 51, 57, 52, 57, 53, 57, 54, 57, 55, 57, 56, 57, 57,
    ]

    /// Writes the `count` low digits of m ending just before `end` (m has at most `count` digits).
    @inline(__always)
    static func writeBackwards(_ m: inout UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>, pairs: UnsafePointer<UInt8>) {
        var p = end
        var left = count
        while left >= 2 {
            let r = Int(m % 100)
            m /= 100
            p -= 2
            p[0] = pairs[2 * r]
            p[1] = pairs[2 * r + 1]
            left -= 2
        }
        if left == 1 {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: 48 &+ m % 10)
            m /= 10
        }
    }

    /// Writes m (exactly `digits` digits) × 10^(exponent10 − digits + 1) positionally, trailing
    /// zeros dropped, filling the buffer from the right.
    @usableFromInline
    static func writeDigits(_ m: UInt64, digits: Int, exponent10 e10: Int, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var m = m
        var count = digits
        while count > 1 && m % 10 == 0 { m /= 10; count -= 1 }
        return digitPairs.withUnsafeBufferPointer { table in
            let pairs = table.baseAddress!
            if e10 >= 0 {
                let intDigits = e10 + 1
                if count <= intDigits {
                    // A whole number (not reached for non-integers; kept for completeness).
                    for i in count..<intDigits { buffer[i] = 48 }
                    writeBackwards(&m, count: count, endingAt: buffer + count, pairs: pairs)
                    return intDigits
                }
                let length = count + 1
                let fraction = count - intDigits
                writeBackwards(&m, count: fraction, endingAt: buffer + length, pairs: pairs)
                buffer[intDigits] = UInt8(ascii: ".")
                writeBackwards(&m, count: intDigits, endingAt: buffer + intDigits, pairs: pairs)
                return length
            }
            let zeros = -e10 - 1
            let length = 2 + zeros + count
            writeBackwards(&m, count: count, endingAt: buffer + length, pairs: pairs)
            for i in 0..<zeros { buffer[2 + i] = 48 }
            buffer[1] = UInt8(ascii: ".")
            buffer[0] = 48
            return length
        }
    }

    @inlinable
    /// Writes an integer (with `-0` when asked) and returns the byte count.
    public static func writeInteger(_ v: Int64, to buffer: UnsafeMutablePointer<UInt8>, negativeZero: Bool) -> Int {
        var n = v
        var len = 0
        if n < 0 || negativeZero {
            buffer[0] = UInt8(ascii: "-")
            len = 1
            n = -n
        }
        if n == 0 {
            buffer[len] = UInt8(ascii: "0")
            return len + 1
        }
        var digits = 0
        var t = n
        while t > 0 { digits += 1; t /= 10 }
        var pos = len + digits - 1
        while n > 0 {
            buffer[pos] = UInt8(48 + n % 10)
            n /= 10
            pos -= 1
        }
        return len + digits
    }

    /// The same text as a `String` (for messages and small outputs).
    public static func string(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buf in
            let n = write(value, to: buf.baseAddress!)
            return String(decoding: UnsafeBufferPointer(start: buf.baseAddress!, count: n), as: UTF8.self)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
