/// Shared choices and helpers of the indicator report's renderings: title and source, the colour
/// palette (every fill paired with the text colour of higher contrast, WCAG 2.1 AA ≥ 4.5:1),
/// numbers at an indicator's decimals, ranks and trend arrows.
public enum ReportRendering {
    /// How a report is rendered.
    public struct Options: Sendable {
        /// The report's title.
        public var title: String
        /// The source line of the footnote.
        public var source = "Source: Office for Health Improvement and Disparities, Fingertips (fingertips.phe.org.uk); indicator values as published or as supplied."
        /// The licence statement of the footnote.
        public var licence = "Contains public sector information licensed under the Open Government Licence v3.0."
        /// The colours.
        public var palette: Palette = .colourBlindSafe
        /// A report titled `title`, with the default source, licence and palette.
        public init(title: String) { self.title = title }
    }

    /// A fill colour and the text colour drawn on it.
    public struct Swatch: Sendable, Equatable {
        /// CSS colour of the fill.
        public var fill: String
        /// CSS colour of text on the fill (black or white, whichever contrasts more).
        public var text: String
        /// A swatch; the text colour is chosen for contrast.
        public init(_ fill: String) {
            self.fill = fill
            self.text = ReportRendering.contrast(fill, "#000000") >= ReportRendering.contrast(fill, "#ffffff") ? "#000000" : "#ffffff"
        }
    }

    /// The colours of comparison results.
    public enum Palette: String, Sendable, CaseIterable {
        /// Okabe–Ito colours (distinguishable under deuteranopia, protanopia and tritanopia):
        /// bluish green better, yellow similar, vermillion worse, blues for higher/lower without
        /// judgement, purples for quintiles. The default.
        case colourBlindSafe = "colour-blind-safe"
        /// The GOV.UK colours of Fingertips' new site: green better, yellow similar, red worse,
        /// dark/light blue for higher/lower, purples for quintiles. Always read with the words.
        case fingertips

        /// The swatch of a result (nil: no fill, "not compared").
        public func swatch(_ result: BenchmarkResult) -> Swatch? {
            let c: String
            switch (self, result) {
            case (_, .notCompared): return nil
            case (.colourBlindSafe, .better), (.colourBlindSafe, .better95): c = "#009E73"
            case (.colourBlindSafe, .better998): c = "#006B4F"
            case (.colourBlindSafe, .similar): c = "#F0E442"
            case (.colourBlindSafe, .worse), (.colourBlindSafe, .worse95): c = "#D55E00"
            case (.colourBlindSafe, .worse998): c = "#A34400"
            case (.colourBlindSafe, .higher): c = "#0072B2"
            case (.colourBlindSafe, .highest): c = "#004D7A"
            case (.colourBlindSafe, .lower): c = "#56B4E9"
            case (.colourBlindSafe, .lowest): c = "#A6D8F5"
            case (.fingertips, .better), (.fingertips, .better95), (.fingertips, .better998): c = "#00703C"
            case (.fingertips, .similar): c = "#FFDD00"
            case (.fingertips, .worse), (.fingertips, .worse95), (.fingertips, .worse998): c = "#D4351C"
            case (.fingertips, .higher), (.fingertips, .highest): c = "#003078"
            case (.fingertips, .lower), (.fingertips, .lowest): c = "#5694CA"
            case let (_, .quintile(q)): c = ["#F2F0F7", "#CBC9E2", "#9E9AC8", "#756BB1", "#54278F"][max(1, min(5, q)) - 1]
            }
            return Swatch(c)
        }
    }

    /// WCAG 2.1 contrast ratio of two `#rrggbb` colours (1 to 21).
    public static func contrast(_ a: String, _ b: String) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// WCAG 2.1 relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex))
        guard digits.count == 6 else { return 0 }
        var channels: [Double] = []
        for k in stride(from: 0, to: 6, by: 2) {
            let v = Double(Int(String(digits[k...k + 1]), radix: 16) ?? 0) / 255
            channels.append(v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4))
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// `v` rounded to `decimals` places ("–" when missing), with thousands separators.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "–" }
        let d = max(0, min(6, decimals))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return NumberFormatting.string(v) }
        let whole = Int64(scaled) / Int64(scale), fraction = Int64(scaled) % Int64(scale)
        var text = grouped(whole)
        if d > 0 {
            var f = String(fraction)
            while f.count < d { f = "0" + f }
            text += "." + f
        }
        return (v < 0 && scaled > 0 ? "−" : "") + text
    }

    /// A whole number with thousands separators ("12,345"); "–" when missing.
    public static func count(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        if v == v.rounded() && abs(v) < 9e15 { return (v < 0 ? "−" : "") + grouped(Int64(abs(v))) }
        return fixed(v, decimals: 1)
    }

    static func grouped(_ n: Int64) -> String {
        let digits = Array(String(n))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// "11th" for 11, "2nd" for 2.
    public static func ordinal(_ n: Int) -> String {
        let tens = (n / 10) % 10, ones = n % 10
        let suffix = tens == 1 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    /// The arrow of a recent-trend label and whether it is good, bad or neither (for colour).
    public static func arrow(_ label: TrendLabel) -> (symbol: String, judgement: BenchmarkResult?) {
        switch label {
        case .increasingBetter: return ("↑", .better)
        case .increasingWorse: return ("↑", .worse)
        case .decreasingBetter: return ("↓", .better)
        case .decreasingWorse: return ("↓", .worse)
        case .increasing: return ("↑", .higher)
        case .decreasing: return ("↓", .lower)
        case .noSignificantChange: return ("→", nil)
        case .cannotBeCalculated: return ("–", nil)
        }
    }

    /// The display decimals of an indicator (metadata, else 1).
    static func decimals(_ line: IndicatorReport.Line) -> Int { line.indicator.decimals ?? 1 }

    /// The series' name: the indicator's name with sex, age and category when the data has them.
    static func seriesName(_ l: IndicatorReport.Line) -> String {
        let qualifiers = [l.sex, l.age, l.category].filter { !$0.isEmpty && $0 != "Persons" && $0 != "All ages" }
        return l.indicator.name + (qualifiers.isEmpty ? "" : " – " + qualifiers.joined(separator: ", "))
    }

    /// Text for HTML/SVG element content and attribute values.
    static func escape(_ t: String) -> String { SVGMap.escape(t) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
