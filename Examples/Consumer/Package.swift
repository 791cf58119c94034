// swift-tools-version:6.1
import Foundation
import PackageDescription

// A package that uses Equity as any other package would: through its git URL, by version.
// The URL is this repository's own (file://…), found from this file's location, so the example
// builds from any clone; `.ci/run` builds and runs it.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "Consumer",
    dependencies: [
        .package(url: "file://" + repository.path, from: "0.2.1"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "EquityCore", package: repository.lastPathComponent)],
            linkerSettings: [.linkedLibrary("m")]
        ),
    ]
)
