/// Which direction of an indicator is good (Fingertips polarity).
public enum Polarity: String, Sendable, CaseIterable {
    case highIsGood = "high_is_good"
    case lowIsGood = "low_is_good"
    /// "BOB": blue/orange/blue, no judgement of better or worse.
    case noJudgement = "no_judgement"
    case notApplicable = "not_applicable"

    /// Reads the metadata spellings (and Fingertips' labels: "RAG - High is good", "High is good", …).
    public init?(text: String) {
        let t = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        if t.contains("not applicable") || t == "n/a" { self = .notApplicable }
        else if t.contains("high") && (t.contains("good") || t.contains("better")) { self = .highIsGood }
        else if t.contains("low") && (t.contains("good") || t.contains("better")) { self = .lowIsGood }
        else if t.contains("no judgement") || t.contains("bob") || t.contains("no judgment") { self = .noJudgement }
        else { return nil }
    }
}

/// How an indicator is benchmarked (Fingertips comparator methods).
public enum BenchmarkMethod: String, Sendable, CaseIterable {
    case ci95
    case ci998
    case twoLevel = "two_level"
    case quintiles
    case none
}

extension String {
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
