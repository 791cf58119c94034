/// A reporting period as Fingertips writes it, parsed to its first and last month and a sortable
/// key.
///
/// The forms Fingertips uses (OHID, *Fingertips data: time periods*):
///
/// | text | meaning |
/// |---|---|
/// | `2022` | calendar year (January–December) |
/// | `2021/22` | financial year, April–March (academic year, September–August, with `.academic`) |
/// | `2018 - 20`, `2018-20`, `2018 - 2020` | pooled calendar years 2018 to 2020 |
/// | `2015/16 - 19/20` | pooled financial years 2015/16 to 2019/20 |
/// | `2022 Q3` | calendar quarter (July–September 2022) |
/// | `2023/24 Q1` | quarter of a financial year (Q1 = April–June 2023) |
/// | `Dec 2023`, `December 2023`, `Dec-23` | a month |
/// | `Jan 2023 - Dec 2023`, `2022 Q4 - 2023 Q3` | any two of the above joined by a dash: first start to last end |
///
/// Months are counted from year 0 (`year × 12 + month − 1`), so periods of any kind order and
/// subtract consistently: `sortKey` orders by first month, then by length.
public struct TimePeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// When a `YYYY/YY` year starts.
    public enum YearStart: String, Sendable, CaseIterable {
        /// Financial years, April to March (the Fingertips default).
        case financial
        /// Academic years, September to August.
        case academic

        var month: Int { self == .financial ? 4 : 9 }
    }

    /// The text as written.
    public let text: String
    /// The first month (`year × 12 + month − 1`).
    public let firstMonth: Int
    /// The last month, inclusive.
    public let lastMonth: Int

    /// The number of months covered (12 for a year, 36 for three pooled years).
    public var months: Int { lastMonth - firstMonth + 1 }
    /// The calendar year the period starts in.
    public var startYear: Int { firstMonth / 12 }
    /// Orders periods by first month, then length (shorter first).
    public var sortKey: Int { firstMonth * 1000 + months }
    /// `text`.
    public var description: String { text }

    /// A period from its first and last month (`year × 12 + month − 1`).
    public init(text: String, firstMonth: Int, lastMonth: Int) {
        self.text = text
        self.firstMonth = firstMonth
        self.lastMonth = max(firstMonth, lastMonth)
    }

    /// Orders by `sortKey`, then text.
    public static func < (a: TimePeriod, b: TimePeriod) -> Bool {
        a.sortKey != b.sortKey ? a.sortKey < b.sortKey : a.text < b.text
    }

    /// Whether two periods share any month.
    public func overlaps(_ other: TimePeriod) -> Bool {
        firstMonth <= other.lastMonth && other.firstMonth <= lastMonth
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses `text`; nil when it is none of the forms above.
    public static func parse(_ text: String, yearStart: YearStart = .financial) -> TimePeriod? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        if let single = part(trimmed, context: nil, yearStart: yearStart) {
            return TimePeriod(text: text, firstMonth: single.first, lastMonth: single.last)
        }
        // A range: "A - B", or "A-B" where both sides are numeric year forms.
        let pieces: [String]
        if let r = trimmed.firstRange(of: " - ") ?? trimmed.firstRange(of: " – ") ?? trimmed.firstRange(of: " to ") {
            pieces = [String(trimmed[..<r.lowerBound]), String(trimmed[r.upperBound...])]
        } else {
            let dashes = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard dashes.count == 2 else { return nil }
            pieces = dashes.map { String($0) }
        }
        let left = pieces[0].trimmingSpaces(), right = pieces[1].trimmingSpaces()
        guard let a = part(left, context: nil, yearStart: yearStart),
              let b = part(right, context: a, yearStart: yearStart), b.last >= a.first else { return nil }
        return TimePeriod(text: text, firstMonth: a.first, lastMonth: b.last)
    }

    /// A single period form; `context` (the left side of a range) lets the right side be written
    /// short ("2018 - 20", "2015/16 - 19/20").
    static func part(_ s: String, context: (first: Int, last: Int)?, yearStart: YearStart) -> (first: Int, last: Int)? {
        let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let head = words.first else { return nil }
        let century = context.map { ($0.first / 12) / 100 * 100 }
        func year(_ digits: Substring) -> Int? {
            guard digits.allSatisfy(\.isASCIIDigitCharacter), let v = Int(digits) else { return nil }
            if digits.count == 4 { return v }
            if digits.count == 2, let century {
                let y = century + v
                // "2099 - 01" crosses a century.
                if let context, y < context.first / 12 { return y + 100 }
                return y
            }
            return nil
        }
        // Month forms: "Dec 2023", "December 2023", "Dec-23".
        if let m = monthIndex(head.split(separator: "-").first.map(String.init) ?? head) {
            var yearText: Substring?
            if words.count == 2 { yearText = Substring(words[1]) } else if words.count == 1 {
                let parts = head.split(separator: "-")
                if parts.count == 2 { yearText = parts[1] }
            }
            guard let yearText, yearText.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            let y: Int
            if yearText.count == 4, let v = Int(yearText) { y = v } else if yearText.count == 2, let v = Int(yearText) { y = 2000 + v } else { return nil }
            let month = y * 12 + m
            return (month, month)
        }
        // Financial / academic years: "2021/22", "2021/2022", short "21/22" after a range dash.
        let slash = head.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 2 {
            guard let y = year(slash[0]), slash[1].allSatisfy(\.isASCIIDigitCharacter), slash[1].count == 2 || slash[1].count == 4 else { return nil }
            let start = y * 12 + yearStart.month - 1
            if words.count == 1 { return (start, start + 11) }
            if words.count == 2, let q = quarter(words[1]) {
                let first = start + 3 * (q - 1)
                return (first, first + 2)
            }
            return nil
        }
        guard slash.count == 1, let y = year(Substring(head)) else { return nil }
        if words.count == 1 { return (y * 12, y * 12 + 11) }
        if words.count == 2, let q = quarter(words[1]) {
            let first = y * 12 + 3 * (q - 1)
            return (first, first + 2)
        }
        return nil
    }

    static func quarter(_ s: String) -> Int? {
        guard s.count == 2, s.first == "Q" || s.first == "q", let q = Int(String(s.dropFirst())), (1...4).contains(q) else { return nil }
        return q
    }

    static func monthIndex(_ s: String) -> Int? {
        let lower = s.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isLetter }) else { return nil }
        let prefix = String(lower.prefix(3))
        guard let k = monthNames.firstIndex(of: prefix) else { return nil }
        // "Sept" and full names are fine; anything else starting like a month is not.
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        guard lower.count == 3 || full[k].hasPrefix(lower) else { return nil }
        return k
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}

extension String {
    /// The text without leading or trailing spaces, tabs or line breaks (no Foundation).
    package func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
