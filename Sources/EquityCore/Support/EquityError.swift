/// Where in an input file something went wrong: 1-based line and column (column is the field
/// number within the row), so a message reads `FILE:LINE:COLUMN: what is wrong`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file (or `<stdin>`).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based field number.
    public var column: Int

    /// A location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// Every error Equity reports: what went wrong, where, and what to do about it.
///
/// The CLI prints `description` as one line on stderr and exits with status 1.
public enum EquityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file could not be opened, read or written.
    case io(file: String, reason: String)
    /// A column named on the command line is not in the file's header.
    case unknownColumn(name: String, file: String, available: [String])
    /// A value in the input cannot be used (not a number, negative count, x > n, ...).
    case invalidValue(SourceLocation, reason: String)
    /// The input is not well-formed CSV (unterminated quote, ragged row, empty file).
    case malformedInput(SourceLocation, reason: String)
    /// An argument or option is out of range or inconsistent.
    case invalidArgument(String)
    /// Input that is well-formed but cannot give a statistic (e.g. constant values, n < 4).
    case unusableData(String)
    /// An input grew past a safety limit (e.g. gzip data inflating beyond
    /// `InputLimits.maximumInflatedBytes`).
    case limitExceeded(file: String, what: String, limit: Int)
    /// Areas with values but no pair in an adjacency list: islands, which must be intended.
    case undeclaredIslands(file: String, ids: [String])
    /// The reader of an output pipe went away (`equity … | head`): not a failure of the data;
    /// the CLI stops quietly with status 141, as a process ended by SIGPIPE.
    case closedPipe(file: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case let .io(file, reason):
            return "\(file): \(reason)"
        case let .unknownColumn(name, file, available):
            let list = available.prefix(20).joined(separator: ", ")
            return "\(file):1:1: unknown column '\(name)'; the header has: \(list)"
        case let .invalidValue(location, reason):
            return "\(location): \(reason)"
        case let .malformedInput(location, reason):
            return "\(location): \(reason)"
        case let .invalidArgument(reason):
            return "invalid argument: \(reason)"
        case let .unusableData(reason):
            return reason
        case let .limitExceeded(file, what, limit):
            return "\(file): \(what) exceeds the limit of \(EquityError.byteText(limit))"
        case let .undeclaredIslands(file, ids):
            let shown = ids.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
            return "\(file): \(ids.count == 1 ? "area" : "\(ids.count) areas") \(shown) \(ids.count == 1 ? "has" : "have") values but no pair in this adjacency list, so \(ids.count == 1 ? "it would be an island" : "they would be islands"); add their neighbours, or declare that islands are intended"
        case let .closedPipe(file):
            return "\(file): the reader closed the pipe"
        }
    }

    /// A byte count as people write it (4 GiB, 512 MiB, 1000 bytes).
    static func byteText(_ n: Int) -> String {
        if n >= 1 << 30 && n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
