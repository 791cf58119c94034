/// One or more two-sided confidence levels, with the z values and PHE output column names.
///
/// PHEindicatormethods accepts 0.95, 0.998 or the pair; Equity accepts any list of levels in
/// (0, 1). Values of 90 or more are read as per cent (95 → 0.95), as PHE does.
public struct ConfidenceLevels: Sendable, Equatable {
    /// The levels as fractions, in the order given.
    public let levels: [Double]
    /// Φ⁻¹(c + (1 − c)/2) for each level.
    public let z: [Double]

    /// Levels as fractions (or per cent, from 90): each in (0, 1), none twice.
    public init(_ levels: [Double]) throws {
        if levels.isEmpty { throw EquityError.invalidArgument("at least one confidence level is needed") }
        var out: [Double] = []
        for raw in levels {
            let c = raw >= 90 ? raw / 100 : raw
            guard c > 0 && c < 1 else {
                throw EquityError.invalidArgument("confidence level \(NumberFormatting.string(raw)) is not in (0, 1) (or 90–100 as per cent)")
            }
            if out.contains(c) { throw EquityError.invalidArgument("confidence level \(NumberFormatting.string(raw)) is given twice") }
            out.append(c)
        }
        self.levels = out
        z = out.map { Normal.criticalValue(confidence: $0) }
    }

    /// The default, 95%.
    public static let ninetyFive = try! ConfidenceLevels([0.95])

    /// The number of levels.
    public var count: Int { levels.count }

    /// The level as a percentage text, e.g. `95` or `99.8`.
    public static func percentText(_ c: Double) -> String {
        let pct = (c * 100 * 1e9).rounded() / 1e9
        return NumberFormatting.string(pct)
    }

    /// `lowercl`/`uppercl` for one level; `lower95_0cl`, `upper95_0cl`, `lower99_8cl`, ... for
    /// several (PHE's pattern: the percentage with one decimal, `.` written `_`).
    public var columnNames: [String] {
        if levels.count == 1 { return ["lowercl", "uppercl"] }
        return levels.flatMap { c -> [String] in
            var text = ConfidenceLevels.percentText(c)
            if !text.contains(".") { text += ".0" }
            let tag = text.replacingOccurrences(of: Character("."), with: Character("_"))
            return ["lower\(tag)cl", "upper\(tag)cl"]
        }
    }

    /// The text of the `confidence` column: `95%` or `95%, 99.8%` (as PHE writes it).
    public var label: String {
        levels.map { ConfidenceLevels.percentText($0) + "%" }.joined(separator: ", ")
    }
}

extension String {
    func replacingOccurrences(of a: Character, with b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
}
