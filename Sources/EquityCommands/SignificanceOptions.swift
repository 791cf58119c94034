import ArgumentParser
import Equity

/// How local pseudo p-values become cluster labels, the same in every local statistic: a level
/// α and an optional correction for testing every area (Bonferroni, or Benjamini–Hochberg FDR
/// as GeoDa's significance filter and esda's `fdr`).
struct SignificanceOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Significance level for cluster labels, in (0, 1).") var alpha = 0.05
    @Flag(help: "Benjamini–Hochberg false discovery rate across areas.") var fdr = false
    @Flag(help: "Bonferroni correction across areas.") var bonferroni = false

    /// The correction the flags ask for.
    var correction: MultipleTesting.Correction { fdr ? .fdr : (bonferroni ? .bonferroni : .none) }

    /// "p ≤ α" with the correction named, for map subtitles and legends.
    var description: String {
        "p ≤ \(NumberFormatting.string(alpha))" + (fdr ? " (FDR)" : bonferroni ? " (Bonferroni)" : "")
    }

    mutating func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (e.g. 0.05)") }
        if fdr && bonferroni { throw ValidationError("give --fdr or --bonferroni, not both") }
    }
}
