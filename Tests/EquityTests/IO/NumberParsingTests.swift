import Testing
@testable import Equity
import EquityTestSupport

/// Byte-level number parsing: correctly rounded (compared with Swift's `Double(String)`),
/// missing markers, and rejection of text.
@Suite struct NumberParsingTests {
    @Test func valuesAndMarkers() {
        #expect(NumberParsing.parse("81") == .number(81))
        #expect(NumberParsing.parse(" 0.5 ") == .number(0.5))
        #expect(NumberParsing.parse("-1.25e3") == .number(-1250))
        #expect(NumberParsing.parse("1E-5") == .number(1e-5))
        #expect(NumberParsing.parse("") == .missing)
        #expect(NumberParsing.parse("NA") == .missing)
        #expect(NumberParsing.parse("NaN") == .missing)
        #expect(NumberParsing.parse("abc") == .invalid)
        #expect(NumberParsing.parse("1.2.3") == .invalid)
        #expect(NumberParsing.parse("12x") == .invalid)
        #expect(NumberParsing.parse("0x10") == .invalid)
        #expect(NumberParsing.parse("1e") == .invalid)
    }

    @Test func roundTripsFormattedValues() {
        var rng = TestRNG(seed: 42)
        for _ in 0..<50_000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            let text = NumberFormatting.string(v)
            #expect(NumberParsing.parse(text) == .number(v), "\(text)")
        }
    }

    @Test func longAndExtremeDecimalsMatchStandardLibrary() throws {
        for text in ["0.1000000000000000055511151231257827", "123456789012345678901234567890",
                     "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "9007199254740993",
                     "0.30000000000000004", "1e23", "8.589973e9"] {
            let want = try number(text)
            #expect(NumberParsing.parse(text) == .number(want), "\(text)")
        }
    }
    /// Issue 9, item 9: infinities and overflowing numbers were accepted as numbers.
    @Test func nonFiniteIsNotANumber() {
        for text in ["Inf", "inf", "-Infinity", "1e400", "-1e309", "+INF"] {
            #expect(NumberParsing.parse(text) == .nonFinite, "\(text)")
        }
        #expect(NumberParsing.parse("1e-400") == .number(0)) // underflow rounds to zero
        #expect(NumberParsing.problem(.nonFinite, text: "1e400", column: "x") == "'1e400' in column 'x' is not a finite number")
    }

    /// Issue 9, item 13: a line break inside a field made an error message span several lines.
    @Test func messagesEscapeLineBreaks() {
        #expect(NumberParsing.problem(.invalid, text: "B\nC\r\t", column: "x") == "'B\\nC\\r\\t' in column 'x' is not a number")
    }
}
