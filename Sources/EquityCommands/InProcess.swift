import ArgumentParser
import Equity
import EquityCore

/// Runs `equity` commands inside the calling process (the C ABI behind the Python package),
/// exactly as the executable would: the same parsing, validation, computation and output, with
/// what the executable would print on standard error collected instead.
///
/// Calls are serialised (the commands share process-wide state: the in-memory files and the
/// collected messages); each command still uses its worker threads.
public enum InProcess {
    /// The outcome of one command: its exit status (0 success, 1 bad data, 64 usage) and the
    /// text it printed on standard error (the error message, or warnings).
    public struct Outcome: Sendable {
        /// The exit status the executable would return.
        public var status: Int32
        /// What the executable would print on standard error.
        public var messages: String
    }

    private static let lock = PThreadMutex()
    nonisolated(unsafe) private static var capturing = false
    nonisolated(unsafe) private static var captured = ""

    /// Runs `equity` with `arguments` (without the program name).
    public static func run(_ arguments: [String]) -> Outcome {
        lock.withLock {
            capturing = true
            captured = ""
            defer { capturing = false }
            var status: Int32 = 0
            do {
                var command = try EquityCommand.parseAsRoot(arguments)
                try command.run()
            } catch {
                status = EquityCommand.exitCode(for: error).rawValue
                let text = EquityCommand.fullMessage(for: error)
                if !text.isEmpty { captured += text.hasSuffix("\n") ? text : text + "\n" }
            }
            return Outcome(status: status, messages: captured)
        }
    }

    /// Collects `text` when a command runs in-process (returns false otherwise).
    static func captureMessage(_ text: String) -> Bool {
        guard capturing else { return false }
        captured += text
        return true
    }
}
