import Testing
@testable import EquityCore

/// Sums through lookups: unchanged, merged, split with and without weights (hand computed).
@Suite struct AreaAggregationTests {
    @Test func mergesSumAndSplitsAreFlaggedOrApportioned() throws {
        // Areas 0, 1 merge into target 0; area 2 is unchanged (target 1); area 3 splits into 2 and 3.
        let links = [AreaAggregation.Link(source: 0, target: 0), AreaAggregation.Link(source: 1, target: 0),
                     AreaAggregation.Link(source: 2, target: 1),
                     AreaAggregation.Link(source: 3, target: 2, weight: 30), AreaAggregation.Link(source: 3, target: 3, weight: 10)]
        let counts = [1.0, 2, 4, 8], pops = [10.0, 20, 40, 80]
        let flagged = try AreaAggregation.aggregate(columns: [counts, pops], links: links, targetCount: 4, apportion: false)
        #expect(flagged.sums[0][0] == 3 && flagged.sums[1][0] == 30 && flagged.sums[0][1] == 4)
        #expect(flagged.sums[0][2].isNaN && flagged.sums[1][3].isNaN)
        #expect(flagged.unapportioned[2] == [3] && flagged.areas == [2, 1, 1, 1])
        let shared = try AreaAggregation.aggregate(columns: [counts, pops], links: links, targetCount: 4, apportion: true)
        #expect(shared.sums[0][2] == 6 && shared.sums[0][3] == 2 && shared.sums[1][2] == 60)
        #expect(shared.apportioned[3] == [3])
        #expect(throws: EquityError.self) {
            try AreaAggregation.aggregate(columns: [counts], links: Array(links.prefix(3)), targetCount: 4, apportion: false)
        }
    }
}
