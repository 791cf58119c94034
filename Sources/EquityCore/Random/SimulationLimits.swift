/// The ranges Equity accepts for the sizes of its randomised methods: large enough for any
/// published use (Anselin's 99,999 LISA permutations, PHE's 100,000 SII repetitions), small
/// enough that the simulated values fit in memory and counts cannot overflow.
public enum SimulationLimits {
    /// Permutations of a spatial statistic: 0 (none) to 10,000,000.
    public static let permutations = 0...10_000_000
    /// Bootstrap replicates of the Gini coefficient: 0 (none) to 10,000,000.
    public static let bootstrapReplicates = 0...10_000_000
    /// Monte Carlo repetitions of the SII (PHE requires at least 1,000): 1,000 to 10,000,000
    /// (1,000,000 with the reliability statistic, which runs ten times as many).
    public static let repetitions = 1_000...10_000_000
    /// SII repetitions with the reliability statistic (ten runs).
    public static let repetitionsWithReliability = 1_000...1_000_000

    /// Throws `invalidArgument` unless `value` is in `range`.
    public static func check(_ value: Int, in range: ClosedRange<Int>, what: String) throws {
        guard range.contains(value) else {
            throw EquityError.invalidArgument("\(what) must be from \(grouped(range.lowerBound)) to \(grouped(range.upperBound)) (got \(value))")
        }
    }

    /// 10000000 → "10,000,000".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
