#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: standard output, or a file that appears only when complete.
///
/// A file is written to a temporary name in the same directory and renamed over the target by
/// `commit()`; if the command fails first, `discard()` (or deinit) removes the temporary file, so
/// no half-written output is ever left under the target name.
public final class OutputFile {
    /// The target path, or `-` for standard output.
    public let path: String
    private var fd: Int32
    private let temporaryPath: String?
    private var committed = false

    /// Opens `path` for writing (`nil` or `-` means standard output).
    public init(path: String?) throws {
        guard let path, path != "-" else {
            self.path = "-"
            fd = 1
            temporaryPath = nil
            return
        }
        self.path = path
        let tmp = path + ".tmp-\(getpid())"
        let f = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if f < 0 {
            throw EquityError.io(file: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        fd = f
        temporaryPath = tmp
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw EquityError.io(file: path, reason: "write failed: \(String(cString: strerror(errno)))")
            }
            p += n
            left -= n
        }
    }

    /// Writes a writer's contents and empties it.
    public func write(_ writer: ByteWriter) throws {
        try write(writer.bytes)
        writer.removeAll()
    }

    /// Writes a string.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// Makes the output visible under its final name.
    public func commit() throws {
        guard let tmp = temporaryPath, !committed else { return }
        if close(fd) != 0 {
            throw EquityError.io(file: path, reason: "close failed: \(String(cString: strerror(errno)))")
        }
        fd = -1
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw EquityError.io(file: path, reason: "cannot rename into place: \(reason)")
        }
        committed = true
    }

    /// Removes the temporary file (no-op for standard output or after commit).
    public func discard() {
        guard let tmp = temporaryPath, !committed else { return }
        if fd >= 0 { close(fd); fd = -1 }
        unlink(tmp)
        committed = true
    }

    deinit { discard() }
}

/// Writes a whole small output (a header and rows already in a writer) atomically.
public func writeOutput(_ writer: ByteWriter, to path: String?) throws {
    let out = try OutputFile(path: path)
    do {
        try out.write(writer.bytes)
        try out.commit()
    } catch {
        out.discard()
        throw error
    }
}
