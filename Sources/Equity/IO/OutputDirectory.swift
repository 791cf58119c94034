#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of outputs written together (the indicator report's CSV, Markdown, HTML and
/// charts): every file is written into a new temporary directory beside the target and moved
/// into place by `commit()`, so a failed run leaves no partial set of files.
///
/// When the target does not exist the temporary directory is renamed to it (one atomic step);
/// when it exists, each file is renamed into it. Interrupted runs remove the temporary
/// directory (see `TemporaryFiles`).
public final class OutputDirectory {
    /// The directory as given.
    public let path: String
    private let target: String
    private let temporary: String
    private let slot: Int?
    private var files: [(name: String, slot: Int?)] = []
    private var finished = false
    private let targetExists: Bool

    /// Prepares the set of files for `path` (a directory, created if needed; `-` is refused).
    public init(path: String) throws {
        if path == "-" || path.isEmpty {
            throw EquityError.io(file: path.isEmpty ? "<empty>" : path, reason: "this output is a set of files: give a directory, not standard output")
        }
        self.path = path
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        target = try OutputFile.resolveSymlinks(trimmed)
        var st = stat()
        if stat(target, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw EquityError.io(file: path, reason: "exists and is not a directory") }
            if access(target, W_OK) != 0 { throw EquityError.io(file: path, reason: "cannot write: \(String(cString: strerror(errno)))") }
            targetExists = true
        } else {
            targetExists = false
        }
        let (parent, base) = OutputFile.split(target)
        let made = try TemporaryFiles.createDirectory(in: targetExists ? target : parent, prefix: "." + base + ".equity-", forOutput: path)
        temporary = made.path
        slot = made.slot
    }

    /// Writes one file of the set (into the temporary directory).
    public func write(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) throws {
        precondition(!name.contains("/"), "file names only")
        let full = temporary + "/" + name
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if fd < 0 { throw EquityError.io(file: path + "/" + name, reason: "cannot write: \(String(cString: strerror(errno)))") }
        let fileSlot = TemporaryFiles.register(full)
        files.append((name, fileSlot))
        defer { close(fd) }
        if let base = bytes.baseAddress, bytes.count > 0 {
            try Spool.writeAll(fd, UnsafeRawPointer(base), bytes.count, name: path + "/" + name)
        }
    }

    /// A path inside the temporary directory for a file that another library writes itself
    /// (the Excel workbook); it is moved into place with the others by `commit()`.
    public func reservePath(_ name: String) throws -> String {
        precondition(!name.contains("/"), "file names only")
        let full = temporary + "/" + name
        guard access(full, F_OK) != 0 else { throw EquityError.io(file: path + "/" + name, reason: "written twice") }
        files.append((name, TemporaryFiles.register(full)))
        return full
    }

    /// Writes one file from a writer.
    public func write(_ name: String, _ writer: ByteWriter) throws { try write(name, writer.bytes) }

    /// Writes one file from text.
    public func write(_ name: String, text: String) throws {
        var text = text
        try text.withUTF8 { try write(name, $0) }
    }

    /// Moves the files into place.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        if targetExists {
            for f in files {
                if rename(temporary + "/" + f.name, target + "/" + f.name) != 0 {
                    let reason = String(cString: strerror(errno))
                    cleanUp()
                    throw EquityError.io(file: path + "/" + f.name, reason: "cannot move into place: \(reason)")
                }
                TemporaryFiles.unregister(f.slot)
            }
            rmdir(temporary)
        } else {
            if rename(temporary, target) != 0 {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw EquityError.io(file: path, reason: "cannot move into place: \(reason)")
            }
            let mask = umask(0)
            umask(mask)
            chmod(target, 0o777 & ~mask)
            for f in files { TemporaryFiles.unregister(f.slot) }
        }
        TemporaryFiles.unregister(slot)
    }

    private func cleanUp() {
        for f in files {
            unlink(temporary + "/" + f.name)
            TemporaryFiles.unregister(f.slot)
        }
        rmdir(temporary)
        TemporaryFiles.unregister(slot)
    }

    /// Removes everything written so far.
    public func discard() {
        guard !finished else { return }
        finished = true
        cleanUp()
    }

    deinit { discard() }
}
