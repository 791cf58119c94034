import Testing
import Equity
import EquityTestSupport

/// The code of the DocC articles (Sources/Equity/Equity.docc), run as tests. Each snippet sits
/// between `// snippet NAME` and `// end snippet`; `DocCArticleTests` checks every code block of
/// the articles is one of these, word for word.
@Suite struct ArticleExampleTests {
    @Test func quickStart() throws {
        // snippet quick-start
        let levels = try ConfidenceLevels([0.95, 0.998])
        let smoking = Proportion(confidence: levels, multiplier: 100)
        let ward = try smoking.result(x: 81, n: 100)
        print(ward.value, ward.lower, ward.upper, ward.method!.rawValue)
        // 81.0 [72.22…, 66.40…] [87.49…, 90.19…] Wilson

        let deaths = CrudeRate(multiplier: 100_000)
        let rates = try deaths.results(counts: [65, 4], populations: [100_000, 20_000])
        print(rates.map { $0.method!.rawValue }, rates[0].lower[0], rates[0].upper[0])
        // ["Byars", "Exact"] 50.16… 82.85…
        // end snippet
        #expect(close(ward.lower[0], 72.22115462, relative: 1e-9))
        #expect(close(ward.upper[1], 90.19133339, relative: 1e-9))
        #expect(rates[1].method == .exact)
        #expect(close(rates[0].lower[0], 50.1631877105, relative: 1e-9))
    }

    @Test func standardisedRate() throws {
        // snippet dsr
        let dsr = DirectlyStandardisedRate(multiplier: 100_000)
        let ageBands = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
                        "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]
        let deaths: [Double] = [3, 1, 1, 2, 4, 5, 6, 9, 14, 22, 34, 51, 78, 110, 160, 230, 300, 330, 280]
        let population: [Double] = [12_000, 11_500, 11_000, 10_800, 12_500, 14_000, 13_800, 13_200, 12_900, 13_100,
                                    12_700, 11_400, 10_100, 9_200, 8_100, 6_000, 4_200, 2_500, 1_300]
        let result = try dsr.compute(events: deaths, populations: population, ageBands: ageBands)
        print(result.totalCount, result.interval.value, result.interval.lower[0], result.interval.upper[0])
        // end snippet
        #expect(result.totalCount == 1640)
        #expect(result.interval.method == .dobson)
        #expect(result.interval.lower[0] < result.interval.value && result.interval.value < result.interval.upper[0])
    }

    @Test func spatialAnalysis() throws {
        // snippet spatial
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let (order, income) = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"),
                                                      idColumn: "lsoa11cd", valueColumn: "income_score", ids: ids)
        let queen = try SpatialWeights(layer: layer, ids: order, rule: .contiguity(.queen))
        print(queen.count, queen.undirectedPairs.count, queen.islands.count)  // 121 325 0

        let w = queen.transformed(.R)
        let moran = try Moran.global(income, weights: w, permutations: 9999, seed: 1)
        print(moran.value, moran.zRandomisation, moran.pSim)  // 0.40888… 7.4754… 0.0001

        let lisa = try LocalMoran.compute(income, weights: w, permutations: 999, seed: 1)
        let clusters = lisa.clusters(alpha: 0.05)
        print(clusters.filter { $0 == .highHigh }.count, clusters.filter { $0 == .lowLow }.count)
        // end snippet
        #expect(queen.undirectedPairs.count == 325)
        #expect(close(moran.value, 0.4088792023, relative: 1e-9))
        #expect(close(moran.zRandomisation, 7.475408093, relative: 1e-9))
        #expect(clusters.count == 121)
    }

    /// The README's library example (paths relative to the repository root there).
    @Test func readmeLibraryExample() throws {
        // snippet readme
        // Luton's 121 LSOAs: ONS boundaries and the IoD 2019 income deprivation score.
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let (order, income) = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"),
                                                      idColumn: "lsoa11cd", valueColumn: "income_score", ids: ids)
        let weights = try SpatialWeights(layer: layer, ids: order, rule: .contiguity(.queen)).transformed(.R)

        let moran = try Moran.global(income, weights: weights, permutations: 9999, seed: 1)
        print("Moran's I", moran.value, "z", moran.zRandomisation, "p_sim", moran.pSim)

        let clusters = try LocalMoran.compute(income, weights: weights, permutations: 999, seed: 1).clusters(alpha: 0.05)
        for kind in [LocalMoran.Cluster.highHigh, .lowLow, .lowHigh, .highLow] {
            print(kind.rawValue, clusters.filter { $0 == kind }.count, terminator: "  ")
        }
        print()

        let gini = Gini.Sorted(income)
        print("Gini", Gini.coefficient(gini), "SE", Gini.davidsonStandardError(gini))

        // Wilson limits for smoking prevalence in three wards, as percentages.
        let smoking = Proportion(confidence: try ConfidenceLevels([0.95]), multiplier: 100)
        for r in try smoking.results(numerators: [959, 1591, 2273], denominators: [6975, 13242, 12417]) {
            print(r.value, r.lower[0], r.upper[0])
        }
        // end snippet
        #expect(close(moran.value, 0.4088792023, relative: 1e-9))
        #expect(clusters.count == 121)
    }

    @Test func inequalityIndices() throws {
        // snippet inequality
        // Life expectancy by deprivation decile (most deprived first), with standard errors.
        let population: [Double] = [7291, 7997, 6971, 7418, 7268, 7108, 7033, 7002, 6789, 6901]
        let lifeExpectancy: [Double] = [75.93, 77.02, 78.12, 78.56, 79.64, 80.05, 80.92, 81.33, 82.10, 82.62]
        let se: [Double] = [1.64, 1.60, 1.52, 1.49, 1.45, 1.40, 1.37, 1.33, 1.30, 1.27]
        var options = SlopeIndex.Options()
        options.rii = true
        options.seed = 42
        let sii = try SlopeIndex(options: options).compute(SlopeIndex.Group(population: population, value: lifeExpectancy, se: se))
        print(sii.sii, sii.siiLower[0], sii.siiUpper[0], sii.rii)

        // The Gini coefficient of small-area income scores, with Davidson's standard error.
        let scores: [Double] = [0.049, 0.08, 0.082, 0.121, 0.143, 0.172, 0.19, 0.23, 0.255, 0.31]
        let sorted = Gini.Sorted(scores)
        print(Gini.coefficient(sorted), Gini.davidsonStandardError(sorted))

        // The Atlas of Inequality's 20:20 index from national deciles of an area's LSOAs.
        let twenty = TwentyTwenty(deciles: [1, 1, 2, 2, 2, 3, 5, 6, 9, 10])
        print(twenty.ratioText, twenty.index)  // 2:5 0.3
        // end snippet
        #expect(sii.sii > 6 && sii.sii < 8)
        #expect(sii.siiLower[0] < sii.sii && sii.sii < sii.siiUpper[0])
        #expect(twenty.ratioText == "2:5" && twenty.index == 0.3)
    }

    @Test func indicatorTable() throws {
        // snippet indicators
        let data = try IndicatorDataSet.load(data: Fixtures.path("luton_marmot/data.csv"),
                                             indicators: Fixtures.path("luton_marmot/indicators.csv"),
                                             comparators: Fixtures.path("luton_marmot/comparators.csv"))
        let analysis = IndicatorAnalysis(data)
        let report = try IndicatorReport(analysis: analysis, area: "E06000032")
        print(report.areaName, report.lines.count)  // Luton 19
        if let lifeExpectancy = report.lines.first(where: { $0.indicator.id == "le_m" }) {
            let england = lifeExpectancy.latest[.england]
            print(lifeExpectancy.latest.period, lifeExpectancy.latest.value, england?.value ?? .nan, england?.outcome.label ?? "")
    // 2020-22 77.0 78.9 Worse
        }
        // end snippet
        let lifeExpectancy = try #require(report.lines.first { $0.indicator.id == "le_m" })
        #expect(report.areaName == "Luton" && report.lines.count == 19)
        #expect(lifeExpectancy.latest.period == "2020-22" && lifeExpectancy.latest.value == 77 && lifeExpectancy.latest[.england]?.outcome.rag == .red)
        #expect(lifeExpectancy.latest[.england]?.value == 78.9 && lifeExpectancy.latest[.england]?.outcome.label == "Worse")
    }
}
