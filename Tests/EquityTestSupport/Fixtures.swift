import Equity

/// Paths and readers for the data in the repository's `Fixtures/` (see its README for each
/// file's source), shared by every test target.
public enum Fixtures {
    /// The package root, found from this file's path (…/Tests/EquityTestSupport/Fixtures.swift).
    public static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// `Fixtures/` in the repository.
    public static var directory: String { packageRoot + "/Fixtures" }

    /// A path under `Fixtures/`.
    public static func path(_ relative: String) -> String { directory + "/" + relative }

    /// A path under a test target's `Resources/`.
    public static func resource(_ target: String, _ name: String) -> String { packageRoot + "/Tests/\(target)/Resources/" + name }

    /// A small CSV table read with Equity's own reader: rows of text keyed by column name.
    public struct Table {
        public let header: [String]
        public let rows: [[String]]

        /// A column's texts.
        public func column(_ name: String) -> [String] {
            guard let i = header.firstIndex(of: name) else { fatalError("no column '\(name)' in \(header)") }
            return rows.map { $0[i] }
        }

        /// A column as numbers (NaN where the text is not one).
        public func doubles(_ name: String) -> [Double] {
            column(name).map { text in
                if case let .number(v) = NumberParsing.parse(text) { return v }
                return .nan
            }
        }

        /// The rows for which `body` (given the row keyed by column) is true.
        public func filter(_ body: ([String: String]) -> Bool) -> Table {
            Table(header: header, rows: rows.filter { row in
                body(Dictionary(uniqueKeysWithValues: zip(header, row)))
            })
        }

        /// Rows keyed by column name.
        public var records: [[String: String]] { rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) } }
    }

    /// Reads a CSV file (skipping leading `#` comment lines).
    public static func table(_ path: String) throws -> Table {
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

    /// Reads a table under `Fixtures/`.
    public static func table(fixture relative: String) throws -> Table { try table(path(relative)) }
}

/// |a − b| ≤ tol·|b| (relative) or ≤ `absolute`, treating two NaNs as equal.
public func close(_ a: Double, _ b: Double, relative tol: Double, absolute abstol: Double = 0) -> Bool {
    if a.isNaN && b.isNaN { return true }
    if a == b { return true }
    return abs(a - b) <= max(tol * abs(b), abstol)
}

/// A small deterministic generator for property tests (SplitMix64).
public struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fixture cell that is missing or not what a test expected: thrown (never a crash), so the
/// runner reports the test as failed and carries on.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The number in a fixture cell, or a thrown `FixtureError` naming the text.
public func number<S: StringProtocol>(_ text: S?) throws -> Double {
    guard let text, let x = Double(String(text)) else { throw FixtureError("not a number: \(text ?? "missing cell")") }
    return x
}

/// The integer in a fixture cell, or a thrown `FixtureError` naming the text.
public func integer<S: StringProtocol>(_ text: S?) throws -> Int {
    guard let text, let x = Int(String(text)) else { throw FixtureError("not an integer: \(text ?? "missing cell")") }
    return x
}
