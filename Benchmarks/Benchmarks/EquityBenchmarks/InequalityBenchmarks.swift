import Benchmark
import Equity
#if canImport(Glibc)
import Glibc
#endif

func inequalityBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                         scalingFactor: .one, maxDuration: .seconds(15), maxIterations: 3)

    // Issue 12's target: national population-weighted deciles, sums per decile, Byar's limits and
    // the SII/RII for 32,844 LSOAs × 10 years (≤ 1 s). The input is written once by
    // Benchmarks/deprivation/make_ten_years.py (skipped when absent).
    Benchmark("DeprivationSII_32844_LSOAs_10_years", configuration: config) { benchmark in
        let path = "/tmp/deprivation_10_years.csv"
        guard access(path, F_OK) == 0 else { return }
        let columns = SmallAreaInequalityTable.Columns(code: "lsoa11cd", deprivation: "income_score", population: "population",
                                                       count: "deaths", groupBy: ["year"])
        var pipeline = SmallAreaInequality(statistic: .crudeRate)
        pipeline.sii.rii = true
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let t = try SmallAreaInequalityTable.run(input: path, columns: columns, quantiles: try DeprivationQuantiles(count: 10),
                                                     pipeline: pipeline)
            blackHole(t.sii.count + t.quantiles.count + t.areas.count)
        }
    }

    Benchmark("SII_1000_areas_10_deciles_100k_reps", configuration: config) { benchmark in
        var state: UInt64 = 7
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
        var groups: [SlopeIndex.Group?] = []
        for _ in 0..<1000 {
            let base: Double = 70 + 10 * unit()
            let slope: Double = 3 + 9 * unit()
            var pop: [Double] = [], value: [Double] = [], se: [Double] = []
            for d in 0..<10 {
                pop.append(5000 + 15000 * unit())
                value.append(base + slope * (Double(d) + 0.5) / 10)
                se.append(0.3 + 1.2 * unit())
            }
            groups.append(SlopeIndex.Group(population: pop, value: value, se: se))
        }
        let table = SIITable(groupNames: ["area"], keys: (0..<1000).map { ["A\($0)"] }, groups: groups,
                             notes: [String](repeating: "", count: 1000))
        var options = SlopeIndex.Options()
        options.rii = true
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SIIRunner.run(table, options: options).count)
        }
    }

    Benchmark("Gini_33k_values_10k_bootstrap", configuration: config) { benchmark in
        let data = try SpatialInputs.values(csv: "../Fixtures/deprivation/england_lsoa11_iod2019.csv.gz", idColumn: "lsoa11cd",
                                            valueColumn: "income_score", ids: nil)
        let sorted = Gini.Sorted(data.values)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Gini.bootstrap(sorted, replicates: 10_000, confidence: .ninetyFive, seed: 1))
        }
    }

    Benchmark("TwentyTwenty_all_LAs_from_gz", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            let reader = try CSVReader(path: "../Fixtures/deprivation/england_lsoa11_iod2019.csv.gz")
            blackHole(try TwentyTwentyTable.compute(reader: reader, areaColumn: try reader.column("lad19cd"), nameColumn: nil,
                                                   decileColumn: try reader.column("income_decile")).count)
        }
    }
}
