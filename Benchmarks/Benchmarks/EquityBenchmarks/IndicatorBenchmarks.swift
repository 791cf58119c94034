import Benchmark
import Equity

/// compare / trend over 5.6 M indicator rows (200 indicators × 7,000 areas × 4 periods).
func indicatorBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                         scalingFactor: .one, maxDuration: .seconds(30), maxIterations: 2)
    let dir = "/tmp/equity-bench-indicators"

    func prepare() throws -> (String, String, String) {
        let data = dir + "/data.csv", ind = dir + "/indicators.csv", cmp = dir + "/comparators.csv"
        if let f = fopen(data, "r") { fclose(f); return (data, ind, cmp) }
        mkdir(dir, 0o755)
        let w = ByteWriter(capacity: 1 << 20)
        w.appendRow(["indicator_id", "name", "value_type", "multiplier", "polarity", "benchmark"])
        for i in 0..<200 { w.appendRow(["I\(i)", "Indicator \(i)", "proportion", "100", i % 2 == 0 ? "low_is_good" : "high_is_good", "ci95"]) }
        try writeOutput(w, to: ind)
        let c = ByteWriter(capacity: 1 << 20)
        c.appendRow(["area_code", "comparator", "comparator_code"])
        for a in 1..<7000 {
            c.appendRow(["A\(a)", "england", "A0"])
            if a % 50 == 0 { for k in 1...15 { c.appendRow(["A\(a)", "neighbours", "A\((a + k) % 7000)"]) } }
        }
        try writeOutput(c, to: cmp)
        var state: UInt64 = 5
        let out = try OutputFile(path: data)
        let d = ByteWriter(capacity: 1 << 24)
        d.appendRow(["indicator_id", "area_code", "period", "count", "denominator"])
        for i in 0..<200 {
            for a in 0..<7000 {
                for p in 2019...2022 {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let n = 1000 + Int(state >> 33) % 4000
                    let x = 50 + Int(state >> 20) % (n / 3)
                    d.append(raw: "I\(i),A\(a),\(p),\(x),\(n)\n")
                }
            }
            if d.count > 1 << 23 { try out.write(d) }
        }
        try out.write(d)
        try out.commit()
        return (data, ind, cmp)
    }

    Benchmark("Compare_5_6M_indicator_rows", configuration: config) { benchmark in
        let (data, ind, cmp) = try prepare()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let set = try IndicatorDataSet.load(data: data, indicators: ind, comparators: cmp)
            var bytes = 0
            IndicatorAnalysis(set).compare { bytes += $0.count }
            blackHole(bytes)
        }
    }

    Benchmark("Trend_5_6M_indicator_rows", configuration: config) { benchmark in
        let (data, ind, _) = try prepare()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let set = try IndicatorDataSet.load(data: data, indicators: ind, comparators: nil)
            let out = ByteWriter(capacity: 1 << 26)
            IndicatorAnalysis(set).writeTrends(into: out)
            blackHole(out.count)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
