import Testing
@testable import Equity

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// The package root, found from this file's path (…/Tests/EquityTests/TestSupport.swift).
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The repository's `Fixtures/` (real public data and reference outputs; see its README).
    static var shared: String { packageRoot + "/Fixtures" }

    static func sharedPath(_ relative: String) -> String { shared + "/" + relative }
    static func resource(_ name: String) -> String { packageRoot + "/Tests/EquityTests/Resources/" + name }

    /// A small CSV table read with Equity's own reader: rows of text keyed by column name.
    struct Table {
        let header: [String]
        let rows: [[String]]

        func column(_ name: String) -> [String] {
            let i = header.firstIndex(of: name)!
            return rows.map { $0[i] }
        }

        func doubles(_ name: String) -> [Double] {
            column(name).map { text in
                if case let .number(v) = NumberParsing.parse(text) { return v }
                return .nan
            }
        }

        func filter(_ body: ([String: String]) -> Bool) -> Table {
            Table(header: header, rows: rows.filter { row in
                body(Dictionary(uniqueKeysWithValues: zip(header, row)))
            })
        }
    }

    /// Reads a CSV file (skipping leading `#` comment lines).
    static func table(_ path: String) throws -> Table {
        let file = try MappedFile(path: path)
        var bytes = Array(file.bytes)
        while bytes.first == UInt8(ascii: "#"), let nl = bytes.firstIndex(of: 0x0A) {
            bytes.removeSubrange(0...nl)
        }
        let reader = try CSVReader(file: MappedFile(name: path, contents: bytes))
        var rows: [[String]] = []
        try reader.forEachRow { s in rows.append((0..<s.fieldCount).map { s.text($0) }) }
        return Table(header: reader.header, rows: rows)
    }
}

/// |a − b| ≤ tol·max(|b|, tiny) (relative), treating two NaNs as equal.
func close(_ a: Double, _ b: Double, relative tol: Double, absolute abstol: Double = 0) -> Bool {
    if a.isNaN && b.isNaN { return true }
    if a == b { return true }
    return abs(a - b) <= max(tol * abs(b), abstol)
}

/// A small deterministic generator for property tests (SplitMix64).
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
