// swift-tools-version:6.1
import PackageDescription

// Dependencies, kept short on purpose:
// - swift-argument-parser: the `equity` CLI (subcommands, --help with examples).
// Everything numeric is Equity's own; linear algebra goes to the system LAPACK/OpenBLAS.
let package = Package(
    name: "Equity",
    products: [
        .library(name: "Equity", targets: ["Equity"]),
        .executable(name: "equity", targets: ["equity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "Equity",
            dependencies: ["CLinearAlgebra", "CZlib"],
            // Kernels mutate buffers owned by small final classes; Swift's dynamic exclusivity
            // checks cost ~20% of a CSV pass there and guard nothing the code relies on.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "equity",
            dependencies: ["Equity", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .testTarget(
            name: "EquityTests",
            dependencies: ["Equity"],
            exclude: ["Resources", "FuzzRegressions"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .testTarget(
            name: "equityCLITests",
            dependencies: ["equity"],
            linkerSettings: [.linkedLibrary("m")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
