/// Text from an input shown inside a one-line message.
public enum MessageText {
    /// `'text'` with line breaks, tabs and other control characters escaped (`\n`, `\r`, `\t`,
    /// `\u{1}`), and long texts shortened, so an error message never spans several lines.
    public static func quoted<S: StringProtocol>(_ text: S, limit: Int = 80) -> String {
        var out = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { out += "…"; break }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out + "'"
    }
}
