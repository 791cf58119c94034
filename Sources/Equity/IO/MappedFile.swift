#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an input file: memory-mapped when it is a regular file, spooled (memory, then an
/// unlinked temporary file mapped back) when it is standard input (`-`), a pipe or a device.
/// The bytes stay valid for the life of the object.
public final class MappedFile: @unchecked Sendable {
    /// The name used in messages (`-` shows as `<stdin>`).
    public let name: String
    /// The file's bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// Opens `path` (or standard input for `-`). Regular files are mapped; standard input, pipes
    /// and devices are read into a `Spool` (memory, then an unlinked temporary file), so memory
    /// stays bounded whatever their length. Those are expected to be text (CSV, GeoJSON) or gzip:
    /// a NUL byte in text (e.g. `/dev/zero`) stops the read at once.
    public init(path: String) throws {
        if let memory = MemoryFiles.input(path) {
            name = memory.display
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(memory.bytes.count, 1))
            memory.bytes.withUnsafeBufferPointer { if let base = $0.baseAddress { p.update(from: base, count: $0.count) } }
            bytes = UnsafeBufferPointer(start: p, count: memory.bytes.count)
            mapped = false
            return
        }
        if path == "-" {
            name = "<stdin>"
            (bytes, mapped) = try MappedFile.readStream(fd: 0, name: name)
            return
        }
        name = path
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw EquityError.io(file: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            throw EquityError.io(file: path, reason: "cannot stat: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw EquityError.io(file: path, reason: "is a directory, not a file")
        }
        if (st.st_mode & S_IFMT) == S_IFREG {
            let size = Int(st.st_size)
            if size == 0 {
                bytes = UnsafeBufferPointer(start: nil, count: 0)
                mapped = false
                return
            }
            guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
                throw EquityError.io(file: path, reason: "cannot map: \(String(cString: strerror(errno)))")
            }
            madvise(p, size, MADV_SEQUENTIAL)
            bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
            mapped = true
        } else {
            (bytes, mapped) = try MappedFile.readStream(fd: fd, name: path)
        }
    }

    /// Wraps bytes already in memory (copied), e.g. for tests.
    public init(name: String, contents: [UInt8]) {
        self.name = name
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(contents.count, 1))
        contents.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { p.update(from: base, count: src.count) }
        }
        bytes = UnsafeBufferPointer(start: p, count: contents.count)
        mapped = false
    }

    /// Wraps a string's UTF-8 bytes (copied).
    public convenience init(name: String, text: String) {
        self.init(name: name, contents: Array(text.utf8))
    }

    /// Wraps bytes already in memory, inflating them first when they are gzip data (as `open`),
    /// to at most `maximumInflatedBytes`.
    public static func decoding(name: String, contents: [UInt8],
                                maximumInflatedBytes: Int = InputLimits.maximumInflatedBytes) throws -> MappedFile {
        let raw = MappedFile(name: name, contents: contents)
        let b = raw.bytes
        guard b.count >= 2, b[0] == 0x1F, b[1] == 0x8B else { return raw }
        let inflated = try Gzip.inflate(b, name: name, limit: maximumInflatedBytes)
        return MappedFile(name: name, bytes: inflated.bytes, mapped: inflated.mapped)
    }

    /// Opens `path` (or standard input for `-`), inflating gzip data (by its magic bytes, so
    /// `file.csv.gz` and gzip on standard input both work).
    public static func open(_ path: String) throws -> MappedFile {
        let raw = try MappedFile(path: path)
        let b = raw.bytes
        guard b.count >= 2, b[0] == 0x1F, b[1] == 0x8B else { return raw }
        let inflated = try Gzip.inflate(b, name: raw.name)
        return MappedFile(name: raw.name, bytes: inflated.bytes, mapped: inflated.mapped)
    }

    /// Takes ownership of a heap buffer (`mapped: false`) or a mapping (`mapped: true`).
    init(name: String, bytes: UnsafeBufferPointer<UInt8>, mapped: Bool) {
        self.name = name
        self.bytes = bytes
        self.mapped = mapped
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }

    /// Reads a stream (standard input, a pipe, a device) to its end through a spool. The first
    /// bytes decide: gzip data is taken as it is; anything else must be text, and a NUL byte
    /// stops the read with an error naming its offset.
    private static func readStream(fd: Int32, name: String) throws -> (UnsafeBufferPointer<UInt8>, Bool) {
        let spool = Spool(name: name)
        let chunk = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        var checkText: Bool? = nil
        while true {
            let n = read(fd, buffer, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw EquityError.io(file: name, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            if checkText == nil { checkText = !(n >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B) }
            if checkText == true, let nul = memchr(buffer, 0, n) {
                let offset = spool.count + (UnsafeMutableRawPointer(nul) - UnsafeMutableRawPointer(buffer))
                throw EquityError.malformedInput(SourceLocation(file: name, line: 1, column: 1),
                                                 reason: "binary data (a NUL byte at byte \(offset + 1)); expected CSV or GeoJSON text, or gzip")
            }
            try spool.append(UnsafeRawPointer(buffer), count: n)
        }
        let taken = try spool.takeBytes()
        return (taken.bytes, taken.mapped)
    }
}
