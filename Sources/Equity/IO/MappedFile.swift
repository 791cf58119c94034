#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an input file: memory-mapped when it is a regular file, read whole when it is
/// standard input (`-`) or a pipe. The bytes stay valid for the life of the object.
public final class MappedFile: @unchecked Sendable {
    /// The name used in messages (`-` shows as `<stdin>`).
    public let name: String
    /// The file's bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// Opens `path` (or standard input for `-`).
    public init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            bytes = try MappedFile.readAll(fd: 0, name: name)
            mapped = false
            return
        }
        name = path
        let fd = Glibc.open(path, O_RDONLY)
        if fd < 0 {
            throw EquityError.io(file: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 {
            throw EquityError.io(file: path, reason: "cannot stat: \(String(cString: strerror(errno)))")
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
            bytes = try MappedFile.readAll(fd: fd, name: path)
            mapped = false
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

    /// Opens `path` (or standard input for `-`), inflating gzip data (by its magic bytes, so
    /// `file.csv.gz` and gzip on standard input both work).
    public static func open(_ path: String) throws -> MappedFile {
        let raw = try MappedFile(path: path)
        let b = raw.bytes
        guard b.count >= 2, b[0] == 0x1F, b[1] == 0x8B else { return raw }
        return MappedFile(name: raw.name, owned: try Gzip.inflate(b, name: raw.name))
    }

    /// Takes ownership of an allocated buffer.
    init(name: String, owned: UnsafeBufferPointer<UInt8>) {
        self.name = name
        bytes = owned
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }

    /// Moves `count` bytes into a buffer twice the size, freeing the old one.
    static func doubled(_ p: UnsafeMutablePointer<UInt8>, count: Int, capacity: inout Int) -> UnsafeMutablePointer<UInt8> {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: p, count: count)
        p.deallocate()
        capacity *= 2
        return bigger
    }

    private static func readAll(fd: Int32, name: String) throws -> UnsafeBufferPointer<UInt8> {
        var capacity = 1 << 20
        var p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var count = 0
        while true {
            if count == capacity { p = doubled(p, count: count, capacity: &capacity) }
            let n = read(fd, p + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                p.deallocate()
                throw EquityError.io(file: name, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            count += n
        }
        return UnsafeBufferPointer(start: p, count: count)
    }
}
