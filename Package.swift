// swift-tools-version:6.1
import PackageDescription

// Equity: health-inequality statistics (EquityCore), their readers, writers and tables (Equity),
// and the `equity` command-line tool (EquityCLI). Dependencies run one way:
//
//     EquityCLI ──► Equity ──► EquityCore ──► CLinearAlgebra (LAPACK signatures; loaded at run time)
//                       └────► CZlib (zlib, for .gz inputs)
//
// External dependency, kept to one: swift-argument-parser, for the CLI only.
let package = Package(
    name: "Equity",
    products: [
        .library(name: "EquityCore", targets: ["EquityCore"]),
        .library(name: "Equity", targets: ["Equity"]),
        .executable(name: "equity", targets: ["EquityCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "EquityCore",
            dependencies: ["CLinearAlgebra"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "Equity",
            dependencies: ["EquityCore", "CZlib"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "EquityCLI",
            dependencies: ["Equity", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("m")]
        ),
        // Tests mirror the modules; all read fixtures through one support target.
        .target(name: "EquityTestSupport", dependencies: ["Equity"], path: "Tests/EquityTestSupport"),
        .testTarget(
            name: "EquityCoreTests",
            dependencies: ["EquityCore", "EquityTestSupport"],
            exclude: ["Resources"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .testTarget(
            name: "EquityTests",
            dependencies: ["Equity", "EquityTestSupport"],
            exclude: ["FuzzRegressions"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .testTarget(
            name: "EquityCLITests",
            dependencies: ["EquityCLI", "EquityTestSupport"],
            linkerSettings: [.linkedLibrary("m")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
