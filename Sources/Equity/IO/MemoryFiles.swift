#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EquityCore

/// Named in-memory inputs and outputs, for running commands in-process (the C ABI behind the
/// Python package) without touching the file system.
///
/// A name starting with `MemoryFiles.prefix` is looked up here by `MappedFile(path:)` (inputs)
/// and `OutputFile(path:)` (outputs) before the file system. Inputs are registered with the name
/// their messages show (e.g. `DataFrame`), so an error reads as it would for a file:
/// `DataFrame:4:3: …`. Outputs go to an anonymous temporary file (`Spool.anonymousFile`), read
/// back whole by `takeOutput`.
public enum MemoryFiles {
    /// The prefix that marks a path as in-memory; no file-system path starts with it.
    public static let prefix = "equity-memory:"

    private static let lock = PThreadMutex()
    nonisolated(unsafe) private static var inputs: [String: (display: String, bytes: [UInt8])] = [:]
    nonisolated(unsafe) private static var outputs: [String: Int32] = [:]
    nonisolated(unsafe) private static var weights: [String: SpatialWeights] = [:]

    /// Registers weights built in memory as the weights file `path` (read by `WeightsFile.read`).
    public static func registerWeights(_ path: String, _ w: SpatialWeights) {
        lock.withLock { weights[path] = w }
    }

    /// The registered weights at `path`, if any.
    static func weights(_ path: String) -> SpatialWeights? {
        guard path.hasPrefix(prefix) else { return nil }
        return lock.withLock { weights[path] }
    }

    /// Registers `bytes` as the input `path` (which must start with `prefix`), shown as `display`.
    public static func registerInput(_ path: String, display: String, bytes: [UInt8]) {
        lock.withLock { inputs[path] = (display, bytes) }
    }

    /// Registers an output `path` (starting with `prefix`) backed by an anonymous temporary file.
    public static func registerOutput(_ path: String) throws {
        let fd = try Spool.anonymousFile(name: path)
        lock.withLock { outputs[path] = fd }
    }

    /// The registered input at `path`, if any.
    static func input(_ path: String) -> (display: String, bytes: [UInt8])? {
        guard path.hasPrefix(prefix) else { return nil }
        return lock.withLock { inputs[path] }
    }

    /// The descriptor of the registered output at `path`, if any.
    static func outputDescriptor(_ path: String) -> Int32? {
        guard path.hasPrefix(prefix) else { return nil }
        return lock.withLock { outputs[path] }
    }

    /// Everything written to the output `path`, which is then unregistered and closed.
    public static func takeOutput(_ path: String) throws -> [UInt8] {
        guard let fd = lock.withLock({ outputs.removeValue(forKey: path) }) else { return [] }
        defer { close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw EquityError.io(file: path, reason: "cannot read back the output") }
            done += n
        }
        return bytes
    }

    /// The in-memory names among command-line arguments (`--input equity-memory:a` or
    /// `--input=equity-memory:a`).
    public static func paths(in arguments: [String]) -> [String] {
        arguments.compactMap { argument in
            if argument.hasPrefix(prefix) { return argument }
            if let eq = argument.firstIndex(of: "="), argument[argument.index(after: eq)...].hasPrefix(prefix) {
                return String(argument[argument.index(after: eq)...])
            }
            return nil
        }
    }

    /// Forgets the registered inputs, weights and outputs at `paths` (closing the outputs' files);
    /// others stay, so callers on other threads keep theirs.
    public static func remove(_ paths: [String]) {
        lock.withLock {
            for path in paths {
                inputs.removeValue(forKey: path)
                weights.removeValue(forKey: path)
                if let fd = outputs.removeValue(forKey: path) { close(fd) }
            }
        }
    }
}
