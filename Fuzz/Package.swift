// swift-tools-version:6.1
import Foundation
import PackageDescription

// Fuzz targets for Equity's input readers (libFuzzer). Build and run them with Fuzz/run.sh:
// swift build here with -sanitize=fuzzer (and lld), then each target for a bounded time with a
// seed corpus from Fixtures/. Kept out of the main package so its build stays light.
let equityPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "Equity", package: equityPackage)],
                      linkerSettings: [.linkedLibrary("m")])
}

let package = Package(
    name: "EquityFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        fuzzTarget("FuzzCSV"),
        fuzzTarget("FuzzNumbers"),
        fuzzTarget("FuzzGeoJSON"),
        fuzzTarget("FuzzGzip"),
        fuzzTarget("FuzzAdjacency"),
        fuzzTarget("FuzzWeightsFile"),
    ],
    swiftLanguageModes: [.v5]
)
