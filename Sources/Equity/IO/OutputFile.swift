#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes, written so that a failed run leaves nothing behind.
///
/// - A **regular file** (or a path that does not exist yet) is written to a new temporary file in
///   the same directory — created with a random name, `O_CREAT|O_EXCL` (never through a planted
///   symlink), with the target's permissions — and renamed over the target by `commit()`. If the
///   process is interrupted (SIGINT, SIGTERM, SIGHUP) the temporary file is removed.
/// - **Standard output** (`nil` or `-`), a **device** (`/dev/null`, `/dev/full`), a **FIFO** or a
///   socket is never replaced: the output is held back (in memory, then in an unlinked temporary
///   file) and written to it directly by `commit()`, so a failed run writes nothing there either.
///   Write errors such as ENOSPC (`/dev/full`) are reported.
/// - A **symlink** is followed deliberately: the file it points to is the target.
/// - A directory is an error.
///
/// Open every output before computing (so a bad path fails first), then `commit()` them all.
public final class OutputFile {
    /// The path as given (`-` for standard output).
    public let path: String
    /// The resolved target (symlinks followed).
    public let target: String

    private enum Mode {
        /// A temporary file renamed over `target` on commit.
        case replacing(fd: Int32, temporary: String, slot: Int?)
        /// Held back in a spool, then written to `fd` (standard output or a device).
        case direct(fd: Int32, ownsDescriptor: Bool)
    }

    private var mode: Mode
    private var spool: Spool?
    private var finished = false

    /// Whether the output is a regular file replaced atomically (a failure can never leave part
    /// of it), as opposed to standard output or a device written directly.
    public var isAtomicFile: Bool {
        if case .replacing = mode { return true }
        return false
    }

    /// The name used in messages.
    var displayName: String { path == "-" ? "<stdout>" : path }

    /// Opens `path` for writing (`nil` or `-` means standard output).
    public init(path: String?) throws {
        guard let path, path != "-" else {
            self.path = "-"
            target = "-"
            mode = .direct(fd: 1, ownsDescriptor: false)
            spool = Spool(name: "<stdout>")
            return
        }
        if let fd = MemoryFiles.outputDescriptor(path) {
            // An in-memory output (the C ABI): written like standard output, read back by the caller.
            self.path = path
            target = path
            mode = .direct(fd: fd, ownsDescriptor: false)
            spool = Spool(name: path)
            return
        }
        if path.isEmpty { throw EquityError.io(file: path, reason: "the output path is empty") }
        self.path = path
        target = try OutputFile.resolveSymlinks(path)
        var st = stat()
        if stat(target, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR { throw EquityError.io(file: path, reason: "is a directory; give a file name") }
            if kind != S_IFREG {
                // A device, FIFO or socket: write to it directly, never replace it.
                let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                if fd < 0 { throw EquityError.io(file: path, reason: "cannot write: \(String(cString: strerror(errno)))") }
                mode = .direct(fd: fd, ownsDescriptor: true)
                spool = Spool(name: path)
                return
            }
            if access(target, W_OK) != 0 {
                throw EquityError.io(file: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
        } else if errno != ENOENT {
            throw EquityError.io(file: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        let (directory, base) = OutputFile.split(target)
        let created = try TemporaryFiles.create(in: directory, prefix: "." + base + ".equity-", forOutput: path)
        // Keep an existing file's permissions (and owner, where allowed); a new file gets the
        // usual 0666 less the umask.
        if stat(target, &st) == 0 {
            fchmod(created.fd, st.st_mode & 0o7777)
            if geteuid() == 0 { _ = fchown(created.fd, st.st_uid, st.st_gid) }
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(created.fd, 0o666 & ~mask)
        }
        mode = .replacing(fd: created.fd, temporary: created.path, slot: created.slot)
    }

    /// Writes all of `bytes` (held back until `commit()` for standard output and devices).
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !finished, let base = bytes.baseAddress, bytes.count > 0 else { return }
        if let spool {
            try spool.append(UnsafeRawPointer(base), count: bytes.count)
            return
        }
        switch mode {
        case let .replacing(fd, _, _), let .direct(fd, _):
            try Spool.writeAll(fd, UnsafeRawPointer(base), bytes.count, name: displayName)
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

    /// For standard output and devices: stop holding output back and write straight through from
    /// now on. Call only once the input is known to be valid (e.g. after a validation pass), so
    /// that nothing reaches the target from a run that then fails.
    public func beginStreaming() throws {
        guard let spool, case let .direct(fd, _) = mode else { return }
        try spool.drain(to: fd, targetName: displayName)
        self.spool = nil
    }

    /// Makes the output visible: renames the temporary file over the target, or writes the held
    /// back output to standard output or the device.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        switch mode {
        case let .replacing(fd, temporary, slot):
            defer { TemporaryFiles.unregister(slot) }
            if close(fd) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw EquityError.io(file: path, reason: "close failed: \(reason)")
            }
            if rename(temporary, target) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw EquityError.io(file: path, reason: "cannot rename into place: \(reason)")
            }
        case let .direct(fd, owns):
            do {
                if let spool { try spool.drain(to: fd, targetName: displayName) }
            } catch {
                if owns { close(fd) }
                throw error
            }
            spool = nil
            if owns && close(fd) != 0 && errno != EINTR {
                throw EquityError.io(file: path, reason: "close failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Abandons the output: removes the temporary file, or drops what was held back.
    public func discard() {
        guard !finished else { return }
        finished = true
        switch mode {
        case let .replacing(fd, temporary, slot):
            close(fd)
            unlink(temporary)
            TemporaryFiles.unregister(slot)
        case let .direct(fd, owns):
            spool = nil
            if owns { close(fd) }
        }
    }

    deinit { discard() }

    /// Directory and last component of a path.
    static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// Follows a chain of symlinks (at most 40) to the path they finally name, which may not
    /// exist yet (a dangling link names the file to create).
    static func resolveSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            if lstat(current, &st) != 0 || (st.st_mode & S_IFMT) != S_IFLNK { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            if n < 0 { throw EquityError.io(file: path, reason: "cannot read the symlink: \(String(cString: strerror(errno)))") }
            let destination = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : split(current).directory + "/" + destination
        }
        throw EquityError.io(file: path, reason: "too many levels of symbolic links")
    }
}

/// Writes a whole small output (a header and rows already in a writer) atomically.
public func writeOutput(_ writer: ByteWriter, to path: String?) throws {
    let out = try OutputFile(path: path)
    try out.write(writer.bytes)
    try out.commit()
}
