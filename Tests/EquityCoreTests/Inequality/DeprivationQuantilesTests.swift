import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Deprivation quantiles against the published IoD 2019 deciles and a pandas hand computation.
@Suite struct DeprivationQuantilesTests {
    static func england() throws -> (score: [Double], rank: [Double], pop: [Double], imdDecile: [Double], codes: [String]) {
        let reader = try CSVReader(path: Fixtures.path("deprivation/england_lsoa11_iod2019.csv.gz"))
        let d = try reader.readColumns(numeric: ["income_score", "imd_rank", "pop_mid2015", "imd_decile"].map { try reader.column($0) },
                                       text: [try reader.column("lsoa11cd")])
        return (d.numeric[0], d.numeric[1], d.numeric[2], d.numeric[3], d.text[0])
    }

    /// Unweighted, by rank, the cumulative rule is MHCLG's decile = ⌈10·rank/32,844⌉: all 32,844
    /// published IMD deciles (File 1 of the English Indices of Deprivation 2019).
    @Test func unweightedRanksGiveThePublishedDeciles() throws {
        let e = try Self.england()
        let q = try DeprivationQuantiles(count: 10, direction: .lowerIsMoreDeprived).assign(deprivation: e.rank)
        #expect(q.count == 32_844)
        #expect(zip(q, e.imdDecile).allSatisfy { Double($0) == $1 })
    }

    /// National population-weighted income-score deciles (ties kept together, cumulative rule):
    /// population and LSOAs per decile from pandas (groupby score → cumsum → ⌈10·P/T⌉ over the
    /// mid-2015 populations; script in the commit adding this test).
    @Test func populationWeightedNationalDecilesMatchPandas() throws {
        let e = try Self.england()
        let q = try DeprivationQuantiles(count: 10).assign(deprivation: e.score, weights: e.pop)
        var pop = [Double](repeating: 0, count: 10), n = [Int](repeating: 0, count: 10)
        for (i, k) in q.enumerated() { pop[k - 1] += e.pop[i]; n[k - 1] += 1 }
        #expect(pop == [5416589, 5440005, 5479292, 5426453, 5388143, 5581045, 5389067, 5502468, 5536264, 5568878])
        #expect(n == [3271, 3239, 3240, 3184, 3167, 3342, 3251, 3348, 3400, 3402])
    }

    /// Local deciles within Luton by IMD rank, midpoint rule: pandas gives these populations per
    /// decile (sort by rank, cumsum, ⌊10·(P − p/2)/T⌋ + 1).
    @Test func localMidpointDecilesMatchPandas() throws {
        let e = try Self.england()
        let reader = try CSVReader(path: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"))
        let d = try reader.readColumns(numeric: [try reader.column("imd_rank"), try reader.column("pop_mid2015")])
        let q = try DeprivationQuantiles(count: 10, direction: .lowerIsMoreDeprived, rule: .midpoint).assign(deprivation: d.numeric[0], weights: d.numeric[1])
        var pop = [Double](repeating: 0, count: 10), n = [Int](repeating: 0, count: 10)
        for (i, k) in q.enumerated() { pop[k - 1] += d.numeric[1][i]; n[k - 1] += 1 }
        #expect(pop == [21693, 21792, 21284, 19867, 22526, 21426, 21554, 20453, 21156, 21830])
        #expect(n == [11, 12, 11, 11, 12, 12, 11, 12, 14, 15])
        _ = e
    }

    @Test func tiesShareAQuantileAndWithinGroupsAreIndependent() throws {
        let q = try DeprivationQuantiles(count: 2)
        // Two tied areas straddling the cut go together (cumulative: the block ends at 3/4).
        #expect(try q.assign(deprivation: [5, 3, 3, 1], weights: [1, 1, 1, 1]) == [1, 2, 2, 2])
        // Within groups: each group has its own halves.
        #expect(try q.assign(deprivation: [9, 1, 8, 2], weights: nil, within: [0, 0, 1, 1]) == [1, 2, 1, 2])
        #expect(throws: IndexedRowIssue.self) { try q.assign(deprivation: [1, .nan], weights: nil) }
        #expect(throws: IndexedRowIssue.self) { try q.assign(deprivation: [1, 2], weights: [0, 0]) }
        #expect(throws: EquityError.self) { try DeprivationQuantiles(count: 1) }
    }

    /// The whole pipeline in the library: Luton's LSOAs in national income deciles; sums per
    /// decile from pandas (national deciles as above, merged on lsoa11cd, groupby sum), values
    /// Wilson (checked elsewhere against PHEindicatormethods).
    @Test func smallAreaPipeline() throws {
        let e = try Self.england()
        let national = try DeprivationQuantiles(count: 10).assign(deprivation: e.score, weights: e.pop)
        let decileOf = Dictionary(uniqueKeysWithValues: zip(e.codes, national))
        let l = try Fixtures.table(fixture: "deprivation/luton_lsoa11_income_deprived.csv")
        let q = l.column("lsoa11cd").map { decileOf[$0]! }
        var s = SmallAreaInequality(statistic: .proportion, multiplier: 100)
        s.sii.repetitions = 10_000
        let r = try s.compute(counts: l.doubles("income_deprived"), populations: l.doubles("pop_mid2015"), quantile: q)
        #expect(r.quantiles.map(\.areas) == [9, 24, 19, 18, 10, 14, 8, 8, 10, 1])
        #expect(r.quantiles.map(\.count) == [4838, 10296, 6693, 4969, 1835, 2247, 893, 675, 647, 46])
        #expect(r.quantiles.map(\.population) == [16148, 45025, 37168, 34630, 16752, 24352, 12495, 11559, 14069, 1383])
        #expect(close(r.quantiles[0].interval.value, 4838.0 / 16148 * 100, relative: 1e-15))
        let sii = try #require(r.sii)
        // The SII of the same values through SlopeIndex directly (value type 2, ×100).
        var o = SlopeIndex.Options()
        o.valueType = .proportion
        o.multiplier = 100
        o.repetitions = 10_000
        let values = try s.quantileValues(counts: l.doubles("income_deprived"), populations: l.doubles("pop_mid2015"), quantile: q)
        let direct = try SlopeIndex(options: o).compute(s.slopeIndexGroup(values).0!)
        #expect(sii.sii == direct.sii && sii.siiLower == direct.siiLower)
        #expect(sii.sii < -20)
    }
}
