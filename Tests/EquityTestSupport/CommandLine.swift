import Foundation

/// Runs the `equity` binary for end-to-end tests: arguments, standard input and environment in;
/// exit status, standard output and standard error out.
public enum CLI {
    /// The `equity` binary beside the test bundle (same build directory).
    public static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("equity").path
    }()

    /// A path under `Fixtures/`.
    public static func fixture(_ path: String) -> String { Fixtures.path(path) }

    /// What a run produced.
    public struct Run {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Standard output's non-empty lines.
        public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }

        /// Line k of standard output, or an error (never a crash) when there are fewer lines.
        public func line(_ k: Int) throws -> String {
            let all = lines
            guard k >= 0 && k < all.count else { throw MissingLine(index: k, stdout: stdout, stderr: stderr) }
            return all[k]
        }
    }

    /// The line a test asked for is not in the output.
    public struct MissingLine: Error, CustomStringConvertible {
        public var index: Int
        public var stdout: String
        public var stderr: String
        public var description: String { "no line \(index) in the output (stdout: \(stdout.prefix(300)); stderr: \(stderr.prefix(300)))" }
    }

    /// Runs `equity` with `arguments`; standard output and error are read concurrently.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        nonisolated(unsafe) var errorBytes = Data()
        let reader = Thread { errorBytes = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errorBytes, as: UTF8.self))
    }

    /// Writes `contents` to a new file `name` in a new temporary directory; returns its path.
    public static func temporaryFile(_ contents: String, name: String = "input.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equity-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A new empty temporary directory.
    public static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equity-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
