import Testing
import EquityCore

/// The two spellings of comparison results, and reading labels as Fingertips publishes them.
/// Expected words: the Fingertips website (FingertipsNext's BenchmarkOutcome: "Similar",
/// "<outcome> quintile") and the legacy exporter's SignificanceFormatter ("Same", "2nd lowest
/// quintile"), with fingertipsR's two-level "Higher 99.8"/"Lower 99.8".
@Suite struct ComparisonLabelsTests {
    @Test func spellings() {
        let cases: [(BenchmarkResult, String, String)] = [
            (.better, "Better", "Better"), (.similar, "Similar", "Same"), (.worse, "Worse", "Worse"),
            (.higher, "Higher", "Higher"), (.lower, "Lower", "Lower"), (.better95, "Better 95%", "Better 95"),
            (.better998, "Better 99.8%", "Better 99.8"), (.worse95, "Worse 95%", "Worse 95"), (.worse998, "Worse 99.8%", "Worse 99.8"),
            (.highest, "Highest", "Higher 99.8"), (.lowest, "Lowest", "Lower 99.8"), (.notCompared, "Not compared", "Not compared"),
            (.quintile(1), "Lowest quintile", "Lowest quintile"), (.quintile(2), "Low quintile", "2nd lowest quintile"),
            (.quintile(3), "Middle quintile", "Middle quintile"), (.quintile(4), "High quintile", "2nd highest quintile"),
            (.quintile(5), "Highest quintile", "Highest quintile"),
        ]
        for (result, website, api) in cases {
            #expect(result.label(.fingertips) == website, "\(result)")
            #expect(result.label(.fingertipsR) == api, "\(result)")
            // Both spellings read back to the same result.
            #expect(BenchmarkResult.parsePublished(website) == result || result == .highest || result == .lowest, "\(website)")
            #expect(BenchmarkResult.parsePublished(api) == result, "\(api)")
        }
        // With a polarity the website names quintiles by judgement.
        #expect(BenchmarkResult.quintile(1).label(.fingertips, polarity: .highIsGood) == "Worst quintile")
        #expect(BenchmarkResult.quintile(1).label(.fingertips, polarity: .lowIsGood) == "Best quintile")
        #expect(BenchmarkResult.parsePublished("Best quintile", polarity: .lowIsGood) == .quintile(1))
        #expect(BenchmarkResult.parsePublished("Best quintile", polarity: .highIsGood) == .quintile(5))
    }

    @Test func publishedVariants() {
        #expect(BenchmarkResult.parsePublished("Similar to England") == .similar)
        #expect(BenchmarkResult.parsePublished("  better than England ") == .better)
        #expect(BenchmarkResult.parsePublished("Worse 99.8%") == .worse998)
        #expect(BenchmarkResult.parsePublished("Lowest") == .lowest)
        #expect(BenchmarkResult.parsePublished("") == nil)
        #expect(BenchmarkResult.parsePublished("Amazing") == nil)
    }
}
