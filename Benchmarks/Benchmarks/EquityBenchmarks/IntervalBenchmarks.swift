import Benchmark
import Equity

/// Deterministic synthetic inputs (SplitMix64), the same on every run.
struct Inputs {
    var x: [Double]
    var n: [Double]

    init(rows: Int, seed: UInt64 = 20_261_122) {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        n = (0..<rows).map { _ in Double(50 + next() % 100_000) }
        x = n.map { Double(next() % UInt64($0 + 1)) }
    }

    /// The same rows as CSV text: id,numerator,denominator.
    func csv() -> [UInt8] {
        var out: [UInt8] = Array("id,numerator,denominator\n".utf8)
        out.reserveCapacity(x.count * 24)
        for i in 0..<x.count {
            out.append(contentsOf: "E\(i),\(Int(x[i])),\(Int(n[i]))\n".utf8)
        }
        return out
    }
}

func intervalBenchmarks() {
    let rows = 10_000_000
    let kernelConfig = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
                                               scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 10)

    Benchmark("Wilson_kernel_10M_rows", configuration: kernelConfig) { benchmark in
        let inputs = Inputs(rows: rows)
        var lower = [Double](repeating: 0, count: rows), upper = lower
        let z = Normal.criticalValue(confidence: 0.95)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            inputs.x.withUnsafeBufferPointer { x in
                inputs.n.withUnsafeBufferPointer { n in
                    lower.withUnsafeMutableBufferPointer { lo in
                        upper.withUnsafeMutableBufferPointer { hi in
                            Wilson.intervals(x: x, n: n, z: z, lower: lo, upper: hi)
                        }
                    }
                }
            }
            blackHole(lower[rows / 2] + upper[rows / 3])
        }
    }

    Benchmark("Byars_kernel_10M_rows", configuration: kernelConfig) { benchmark in
        let inputs = Inputs(rows: rows)
        var lower = [Double](repeating: 0, count: rows), upper = lower
        let z = Normal.criticalValue(confidence: 0.95)
        let counts = inputs.x.map { $0 + 10 }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            counts.withUnsafeBufferPointer { o in
                lower.withUnsafeMutableBufferPointer { lo in
                    upper.withUnsafeMutableBufferPointer { hi in
                        PoissonLimits.byars(o, z: z, lower: lo, upper: hi)
                    }
                }
            }
            blackHole(lower[rows / 2] + upper[rows / 3])
        }
    }

    let pipelineConfig = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                                 scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 3)

    for (name, statistic) in [("proportion", 0), ("rate", 1)] {
        Benchmark("ci_\(name)_pipeline_10M_rows_two_levels_to_devnull", configuration: pipelineConfig) { benchmark in
            let file = MappedFile(name: "bench.csv", contents: Inputs(rows: 10_000_000).csv())
            let reader = try CSVReader(file: file)
            let levels = try ConfidenceLevels([0.95, 0.998])
            let output = try OutputFile(path: "/dev/null")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                if statistic == 0 {
                    try RowwiseTable.proportions(reader: reader, numerator: "numerator", denominator: "denominator",
                                                 statistic: Proportion(confidence: levels), output: output)
                } else {
                    try RowwiseTable.rates(reader: reader, count: "numerator", population: "denominator",
                                           statistic: CrudeRate(confidence: levels), output: output)
                }
            }
        }
    }

    Benchmark("CSV_read_10M_rows_two_numeric_columns", configuration: pipelineConfig) { benchmark in
        let file = MappedFile(name: "bench.csv", contents: Inputs(rows: 10_000_000).csv())
        let reader = try CSVReader(file: file)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var sum = 0.0
            try reader.forEachRow { s in sum += try reader.number(s, 1) + reader.number(s, 2) }
            blackHole(sum)
        }
    }

    Benchmark("CSV_write_10M_doubles_shortest_round_trip", configuration: pipelineConfig) { benchmark in
        let inputs = Inputs(rows: 10_000_000)
        let values = zip(inputs.x, inputs.n).map { $0 / $1 }
        let writer = ByteWriter(capacity: 256 << 20)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            writer.removeAll()
            for v in values {
                writer.append(v)
                writer.append(byte: 0x0A)
            }
            blackHole(writer.count)
        }
    }
}
