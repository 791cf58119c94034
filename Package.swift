// swift-tools-version:6.1
import PackageDescription

// Equity: health-inequality statistics (EquityCore), their readers, writers and tables (Equity),
// the commands (EquityCommands), the `equity` command-line tool (EquityCLI) and a C ABI for other
// languages (EquityC, a shared library: the Python package in python/ loads it). One way:
//
//     EquityCLI ─┐
//                ├─► EquityCommands ──► Equity ──► EquityCore ──► CLinearAlgebra (LAPACK signatures; loaded at run time)
//     EquityC ───┘                         └────► CZlib (zlib, for .gz inputs)
//
// External dependency, kept to one: swift-argument-parser, for the CLI only.
let package = Package(
    name: "Equity",
    products: [
        .library(name: "EquityCore", targets: ["EquityCore"]),
        .library(name: "Equity", targets: ["Equity"]),
        .executable(name: "equity", targets: ["EquityCLI"]),
        // The C ABI as a shared library (libEquityC.so) for the Python package; build it with
        // `swift build -c release --product EquityC -Xswiftc -static-stdlib` for a library that
        // needs no Swift installed (python/ does this).
        .library(name: "EquityC", type: .dynamic, targets: ["EquityC"]),
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
        .target(
            name: "EquityCommands",
            dependencies: ["Equity", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "EquityCLI",
            dependencies: ["EquityCommands"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "EquityC",
            dependencies: ["EquityCommands", "Equity", "EquityCore"],
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
            dependencies: ["EquityCLI", "EquityCommands", "EquityTestSupport"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .testTarget(
            name: "EquityCTests",
            dependencies: ["EquityC", "EquityTestSupport"],
            linkerSettings: [.linkedLibrary("m")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
