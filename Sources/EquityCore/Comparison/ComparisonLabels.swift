/// How comparison results are spelt.
///
/// - `fingertips`: the Fingertips website today (FingertipsNext): "Better", "Similar", "Worse",
///   "Higher", "Lower", two-level "Better 99.8%" … "Worse 99.8%" (no judgement: "Highest",
///   "Higher", "Lower", "Lowest"), quintiles "Lowest quintile" … "Highest quintile" (with a
///   polarity: "Worst quintile" … "Best quintile"), "Not compared".
/// - `fingertipsR`: the Fingertips API's CSV and fingertipsR: "Better", "Same", "Worse",
///   "Higher", "Lower", two-level "Better 95" / "Better 99.8" / "Higher 99.8" / "Lower 99.8" …,
///   quintiles "Lowest quintile", "2nd lowest quintile", "Middle quintile", "2nd highest
///   quintile", "Highest quintile", "Not compared" (the legacy exporter's `SignificanceFormatter`).
public enum LabelStyle: String, Sendable, CaseIterable {
    /// The website's words.
    case fingertips
    /// The API CSV's and fingertipsR's words.
    case fingertipsR = "fingertipsR"
}

extension BenchmarkResult {
    /// The result's words in `style`; `polarity` decides the quintile words of the website.
    public func label(_ style: LabelStyle, polarity: Polarity = .noJudgement) -> String {
        switch style {
        case .fingertips:
            if case let .quintile(q) = self {
                let k = max(1, min(5, q)) - 1
                switch polarity {
                case .highIsGood: return ["Worst", "Worse", "Middle", "Better", "Best"][k] + " quintile"
                case .lowIsGood: return ["Best", "Better", "Middle", "Worse", "Worst"][k] + " quintile"
                default: return QuintileBenchmark.labels[k] + " quintile"
                }
            }
            return text
        case .fingertipsR:
            switch self {
            case .better: return "Better"
            case .similar: return "Same"
            case .worse: return "Worse"
            case .higher: return "Higher"
            case .lower: return "Lower"
            case .better95: return "Better 95"
            case .better998: return "Better 99.8"
            case .worse95: return "Worse 95"
            case .worse998: return "Worse 99.8"
            case .highest: return "Higher 99.8"
            case .lowest: return "Lower 99.8"
            case let .quintile(q):
                return ["Lowest quintile", "2nd lowest quintile", "Middle quintile", "2nd highest quintile", "Highest quintile"][max(1, min(5, q)) - 1]
            case .notCompared: return "Not compared"
            }
        }
    }

    /// A label as Fingertips published it, in any of the spellings above (and "Similar to",
    /// "Better than England", "Better 95%", case and spacing aside); nil when unrecognised or
    /// empty. Two-level "Higher 95"/"Lower 95" read as `.higher`/`.lower`.
    public static func parsePublished(_ text: String, polarity: Polarity = .noJudgement) -> BenchmarkResult? {
        var t = text.lowercased().trimmingSpaces()
        for filler in [" than england", " to england", " than the benchmark", " to the benchmark", "%"] {
            t = t.replacingOccurrences(of: filler, with: "")
        }
        t = t.trimmingSpaces()
        switch t {
        case "better": return .better
        case "same", "similar": return .similar
        case "worse": return .worse
        case "higher": return .higher
        case "lower": return .lower
        case "better 95": return .better95
        case "better 99.8": return .better998
        case "worse 95": return .worse95
        case "worse 99.8": return .worse998
        case "higher 95": return .higher
        case "lower 95": return .lower
        case "higher 99.8", "highest": return .highest
        case "lower 99.8", "lowest": return .lowest
        case "not compared": return .notCompared
        default: break
        }
        guard t.hasSuffix(" quintile") else { return nil }
        let word = String(t.dropLast(" quintile".count))
        let plain = ["lowest", "low", "middle", "high", "highest"]
        let legacy = ["lowest", "2nd lowest", "middle", "2nd highest", "highest"]
        if let k = plain.firstIndex(of: word) ?? legacy.firstIndex(of: word) { return .quintile(k + 1) }
        let judged = ["worst", "worse", "middle", "better", "best"]
        if let k = judged.firstIndex(of: word) {
            return .quintile(polarity == .lowIsGood ? 5 - k : k + 1)
        }
        return nil
    }
}
