import ArgumentParser
import Equity

/// A comma-separated list of numbers (`0.95,0.998`; `--confidence -0.95` is read as a value).
struct NumberList: ExpressibleByArgument, Sendable {
    var values: [Double]

    init?(argument: String) {
        var values: [Double] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard case let .number(v) = NumberParsing.parse(String(part)) else { return nil }
            values.append(v)
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    init(_ values: [Double]) { self.values = values }

    var defaultValueDescription: String { values.map { NumberFormatting.string($0) }.joined(separator: ",") }
}

/// A comma-separated list of column names (`--group-by area,sex`).
struct ColumnList: ExpressibleByArgument, Sendable {
    var names: [String]

    init?(argument: String) {
        names = argument.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        if names.isEmpty { return nil }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

/// Where a command reads from.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "Input CSV (or .csv.gz), with a header row; '-' reads standard input.")
    var input: String

    @Option(name: .customLong("max-inflated-size"),
            help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G).")
    var maxInflatedSize: String?

    mutating func validate() throws { try LimitOptions.apply(maxInflatedSize) }
}

/// Where and how a command writes its table.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output file (default: standard output). Written whole or not at all.")
    var output: String?

    @Option(name: .long, help: "csv (default) or json (an array of objects, one per row).")
    var format: TableFormat = .csv

    /// Opens the output (before any computing, so a bad path fails first).
    func open() throws -> OutputFile { try OutputFile(path: output) }
}

extension TableFormat: ExpressibleByArgument {}

/// The confidence levels of a command's limits.
struct ConfidenceOption: ParsableArguments {
    @Option(name: .long, parsing: .unconditional,
            help: "Confidence level(s), comma-separated: 0.95,0.998 (or 95,99.8).")
    var confidence = NumberList([0.95])

    func levels() throws -> ConfidenceLevels { try ConfidenceLevels(confidence.values) }

    mutating func validate() throws {
        do { _ = try levels() } catch let error as EquityError { throw ValidationError(error.description.replacingPrefix("invalid argument: ", with: "--confidence: ")) }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

/// Safety limits every command that reads input accepts.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-inflated-size"),
            help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G).")
    var maxInflatedSize: String?

    mutating func validate() throws { try LimitOptions.apply(maxInflatedSize) }

    /// Sets the inflation limit from the option's text.
    static func apply(_ text: String?) throws {
        guard let text else { return }
        guard let bytes = byteCount(text), bytes > 0 else {
            throw ValidationError("--max-inflated-size: '\(text)' is not a size such as 4G, 500M or 1048576")
        }
        InputLimits.maximumInflatedBytes = bytes
    }

    /// "4G", "500M", "64K", "1048576" (binary units) → bytes.
    static func byteCount(_ text: String) -> Int? {
        var digits = text.uppercased()
        var scale = 1
        for (suffix, s) in [("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
            where digits.hasSuffix(suffix) {
            digits.removeLast(suffix.count)
            scale = s
            break
        }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }
}
