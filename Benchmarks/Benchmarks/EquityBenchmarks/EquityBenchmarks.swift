import Benchmark

/// All of Equity's benchmarks; each capability adds its own group.
let benchmarks: @Sendable () -> Void = {
    intervalBenchmarks()
    inequalityBenchmarks()
    spatialBenchmarks()
    indicatorBenchmarks()
}
