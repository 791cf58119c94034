import Testing
@testable import EquityCore
import EquityTestSupport

/// Fingertips comparison rules (methods.md §3): every polarity × benchmark combination.
@Suite struct BenchmarkComparisonTests {
    @Test(arguments: [
        // (lower, upper, comparator, polarity, label, rag)
        (70.0, 74.0, 76.0, Polarity.highIsGood, "Worse", "R"),
        (70.0, 74.0, 76.0, Polarity.lowIsGood, "Better", "G"),
        (70.0, 74.0, 76.0, Polarity.noJudgement, "Lower", ""),
        (77.0, 79.0, 76.0, Polarity.highIsGood, "Better", "G"),
        (77.0, 79.0, 76.0, Polarity.lowIsGood, "Worse", "R"),
        (77.0, 79.0, 76.0, Polarity.noJudgement, "Higher", ""),
        (74.0, 76.0, 76.0, Polarity.highIsGood, "Similar", "A"), // inclusive boundary
        (76.0, 78.0, 76.0, Polarity.lowIsGood, "Similar", "A"),
        (74.0, 78.0, 76.0, Polarity.noJudgement, "Similar", ""),
    ])
    func oneLevel(lower: Double, upper: Double, comparator: Double, polarity: Polarity, label: String, rag: String) {
        let o = BenchmarkComparison.compare(lower: lower, upper: upper, comparator: comparator, polarity: polarity)
        #expect(o.label == label)
        #expect((o.rag?.rawValue ?? "") == rag)
    }

    @Test func notCompared() {
        #expect(BenchmarkComparison.compare(lower: .nan, upper: 3, comparator: 2, polarity: .highIsGood).label == "Not compared")
        #expect(BenchmarkComparison.compare(lower: 1, upper: 3, comparator: .nan, polarity: .highIsGood).note == "comparator value missing")
        #expect(BenchmarkComparison.compare(lower: 1, upper: 3, comparator: 5, polarity: .notApplicable).label == "Not compared")
    }

    @Test func twoLevel() {
        // 95% (70, 74), 99.8% (69, 75) against 76: worse at both levels.
        var o = BenchmarkComparison.compareTwoLevel(lower95: 70, upper95: 74, lower998: 69, upper998: 75, comparator: 76, polarity: .highIsGood)
        #expect(o.label == "Worse 99.8%" && (o.rag?.rawValue ?? "") == "R")
        // 99.8% interval reaches the comparator: only 95% level.
        o = BenchmarkComparison.compareTwoLevel(lower95: 70, upper95: 74, lower998: 69, upper998: 77, comparator: 76, polarity: .lowIsGood)
        #expect(o.label == "Better 95%" && (o.rag?.rawValue ?? "") == "G")
        o = BenchmarkComparison.compareTwoLevel(lower95: 77, upper95: 80, lower998: 76.5, upper998: 81, comparator: 76, polarity: .noJudgement)
        #expect(o.label == "Highest" && (o.rag?.rawValue ?? "") == "")
        o = BenchmarkComparison.compareTwoLevel(lower95: 70, upper95: 80, lower998: 69, upper998: 81, comparator: 76, polarity: .highIsGood)
        #expect(o.label == "Similar" && (o.rag?.rawValue ?? "") == "A")
    }

    @Test func overlapQuintilesAndRanks() {
        #expect(BenchmarkComparison.overlap(value1: 10, lower1: 9, upper1: 11, value2: 12, lower2: 10.5, upper2: 13.5) == true)
        #expect(BenchmarkComparison.overlap(value1: 10, lower1: 9, upper1: 10.4, value2: 12, lower2: 10.5, upper2: 13.5) == false)
        // Excel PERCENTILE.INC of 1…10 at 20% = 2.8.
        let v = (1...10).map(Double.init)
        #expect(abs(QuintileBenchmark.percentileInc(v, 0.2) - 2.8) < 1e-12)
        #expect(QuintileBenchmark.quintile(of: 1, among: v) == 1)
        #expect(QuintileBenchmark.quintile(of: 10, among: v) == 5)
        #expect(QuintileBenchmark.quintile(of: 3, among: [1, 2, 3, 4]) == nil)
        // Competition ranking ("1224"), best first by polarity.
        let values: [Double] = [5, 7, 7, 9]
        #expect(CompetitionRank.rank(of: 7, among: values, polarity: .highIsGood).map { [$0.0, $0.1] } == [2, 4])
        #expect(CompetitionRank.rank(of: 5, among: values, polarity: .highIsGood).map { [$0.0, $0.1] } == [4, 4])
        #expect(CompetitionRank.rank(of: 7, among: values, polarity: .lowIsGood).map { [$0.0, $0.1] } == [2, 4])
        #expect(CompetitionRank.rank(of: 9, among: values + [.nan], polarity: .lowIsGood).map { [$0.0, $0.1] } == [4, 4])
    }
}
