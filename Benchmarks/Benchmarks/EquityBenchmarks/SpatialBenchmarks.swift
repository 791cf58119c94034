import Benchmark
import Equity
import Foundation

func spatialBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                         scalingFactor: .one, maxDuration: .seconds(15), maxIterations: 3)
    let boundaries = "../Fixtures/boundaries/england_lsoa11_bgc.geojson.gz"

    Benchmark("GeoJSON_parse_32844_LSOAs_gz", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try GeoJSONReader.read(path: boundaries).featureCount)
        }
    }

    Benchmark("Queen_contiguity_32844_LSOAs", configuration: config) { benchmark in
        let layer = try GeoJSONReader.read(path: boundaries)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(Contiguity.queen.pairs(layer).count)
        }
    }

    func national() throws -> ([Double], SpatialWeights) {
        let data = try SpatialInputs.values(csv: "../Fixtures/deprivation/england_lsoa11_iod2019.csv.gz", idColumn: "lsoa11cd",
                                            valueColumn: "income_score", ids: nil)
        let w = try SpatialInputs.adjacency(csv: "../Fixtures/adjacency/england_lsoa11_bgc_queen_edges.csv.gz", ids: data.ids, allowIslands: true)
        return (data.values, w.transformed(.R))
    }

    Benchmark("Moran_9999_permutations_national", configuration: config) { benchmark in
        let (y, w) = try national()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Moran.global(y, weights: w, permutations: 9999, seed: 1).pSim)
        }
    }

    Benchmark("Weights_gal_read_32844_LSOAs", configuration: config) { benchmark in
        let (_, w) = try national()
        let path = NSTemporaryDirectory() + "equity-benchmark-\(getpid()).gal"
        try WeightsFile.gal(w).text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try WeightsFile.read(path: path, ids: w.ids).linkCount)
        }
    }

    /// Past 65,536 areas the permutation lanes are shuffled in compact arrays and summed through
    /// a ring (a 500 × 500 queen lattice in row order: every upper neighbour within 501 rows).
    Benchmark("Moran_999_permutations_250k_lattice", configuration: config) { benchmark in
        let side = 500
        let pairs = Contiguity.queen.latticePairs(rows: side, columns: side)
        let w = try SpatialWeights(ids: (0..<side * side).map { "a\($0)" }, pairs: pairs).transformed(.R)
        let y = (0..<side * side).map { i in sin(Double(i / side) / 37) + cos(Double(i % side) / 53) + Double((i &* 7919) % 1000) / 1000 }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Moran.global(y, weights: w, permutations: 999, seed: 1).pSim)
        }
    }

    Benchmark("LISA_999_permutations_national", configuration: config) { benchmark in
        let (y, w) = try national()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try LocalMoran.compute(y, weights: w, permutations: 999, seed: 1).pSim.count)
        }
    }
}
