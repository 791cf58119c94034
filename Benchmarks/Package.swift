// swift-tools-version:6.1
import Foundation
import PackageDescription

// Benchmarks live in their own package so the main build stays light (package-benchmark and its
// dependencies are only built here). Run: cd Benchmarks && swift package benchmark
//
// A path dependency's identity is its directory name, which differs between clones, so it is
// read from this file's location.
let equityPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "EquityBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "EquityBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Equity", package: equityPackage),
            ],
            path: "Benchmarks/EquityBenchmarks",
            linkerSettings: [.linkedLibrary("m")],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
