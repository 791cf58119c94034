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

    /// A Fingertips export as downloaded (27 columns, quoted counts with thousands separators,
    /// England, 9 regions as Parent Code, 6,240 small areas): 200 indicators × 6,250 areas × 4
    /// periods = 5 M rows, through load, comparisons, trends and the report for one area.
    func prepareExport() throws -> (String, String) {
        let data = dir + "/export.csv", meta = dir + "/export_metadata.csv"
        if let f = fopen(data, "r") { fclose(f); return (data, meta) }
        mkdir(dir, 0o755)
        let m = ByteWriter(capacity: 1 << 16)
        m.appendRow(["indicator_id", "polarity", "value_type", "unit", "decimals"])
        for i in 0..<200 { m.appendRow(["\(9000 + i)", i % 2 == 0 ? "low_is_good" : "high_is_good", "proportion", "percent", "1"]) }
        try writeOutput(m, to: meta)
        let out = try OutputFile(path: data)
        let d = ByteWriter(capacity: 1 << 24)
        d.append(raw: "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal,Time period range\n")
        var state: UInt64 = 7
        for i in 0..<200 {
            for (t, p) in ["2019/20", "2020/21", "2021/22", "2022/23"].enumerated() {
                for a in 0..<6250 {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let n = 1000 + Int(state >> 33) % 9000
                    let v = 5 + Double(i % 50) + Double(state >> 54) / 1024 + 0.2 * Double(t)
                    let h = 1.96 * (v * (100 - v) / Double(n)).squareRoot()
                    let (code, name, type, parent) = a == 0 ? ("E92000001", "England", "England", "")
                        : a < 10 ? ("E1200000\(a)", "Region \(a)", "Regions (statistical)", "E92000001")
                        : ("E0\(1_000_000 + a)", "Area \(a)", "Small areas", "E1200000\(1 + a % 9)")
                    let x = Int((v * Double(n) / 100).rounded())
                    d.append(raw: "\(9000 + i),Indicator \(i),\(parent),,\(code),\(name),\(type),Persons,All ages,,,\(p),")
                    d.append(v); d.append(raw: ","); d.append(v - h); d.append(raw: ","); d.append(v + h)
                    d.append(raw: ",,,\"\(x / 1000 > 0 ? "\(x / 1000)," + String(String(x % 1000 + 1000).dropFirst()) : "\(x)")\",\"\(n / 1000),\(String(String(n % 1000 + 1000).dropFirst()))\",,,,,\(p.prefix(4))0000,,,1y\n")
                }
                if d.count > 1 << 23 { try out.write(d); d.removeAll() }
            }
        }
        try out.write(d)
        try out.commit()
        return (data, meta)
    }

    Benchmark("Report_5M_row_Fingertips_export", configuration: config) { benchmark in
        let (data, meta) = try prepareExport()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let set = try IndicatorDataSet.load(data: data, indicators: meta)
            let analysis = IndicatorAnalysis(set)
            let compare = ByteWriter(), trend = ByteWriter()
            analysis.compare(areas: ["E01000005"], into: compare)
            analysis.writeTrends(areas: ["E01000005"], into: trend)
            let report = try IndicatorReport(analysis: analysis, area: "E01000005")
            blackHole(report.html(title: "Area 5").count + compare.count + trend.count)
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
