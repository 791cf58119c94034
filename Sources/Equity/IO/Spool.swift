#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes collected in memory up to a threshold and in an unlinked temporary file beyond it, so
/// an input of unknown length (standard input, a pipe, inflated gzip data) or an output that must
/// wait until the run has succeeded (standard output, a device) never needs more than
/// `memoryThreshold` bytes of process memory.
///
/// The temporary file is created in `$TMPDIR` (or `/tmp`) and unlinked at once, so it disappears
/// with the process whatever happens. `limit` caps the total: `append` throws `limitExceeded`
/// beyond it.
final class Spool {
    /// Bytes kept in memory before spilling to disk.
    static let defaultMemoryThreshold = 64 << 20

    @exclusivity(unchecked) private var memory: UnsafeMutablePointer<UInt8>?
    @exclusivity(unchecked) private var capacity = 0
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var fd: Int32 = -1
    private let memoryThreshold: Int
    private let limit: Int?
    /// The name used in messages (the input or output the bytes belong to).
    let name: String
    /// What the limit is about, for the error message.
    let limitDescription: String

    init(name: String, memoryThreshold: Int = Spool.defaultMemoryThreshold, limit: Int? = nil, limitDescription: String = "") {
        self.name = name
        self.memoryThreshold = memoryThreshold
        self.limit = limit
        self.limitDescription = limitDescription
    }

    deinit {
        memory?.deallocate()
        if fd >= 0 { close(fd) }
    }

    /// Whether the bytes have moved to a temporary file.
    var isOnDisk: Bool { fd >= 0 }

    /// Appends `n` bytes from `p`.
    func append(_ p: UnsafeRawPointer, count n: Int) throws {
        guard n > 0 else { return }
        if let limit, count + n > limit {
            throw EquityError.limitExceeded(file: name, what: limitDescription, limit: limit)
        }
        if fd < 0 && count + n <= memoryThreshold {
            if count + n > capacity {
                var newCapacity = max(capacity * 2, 1 << 16)
                while newCapacity < count + n { newCapacity *= 2 }
                newCapacity = min(newCapacity, memoryThreshold)
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
                if let memory {
                    bigger.update(from: memory, count: count)
                    memory.deallocate()
                }
                memory = bigger
                capacity = newCapacity
            }
            (memory! + count).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
            count += n
            return
        }
        if fd < 0 { try spill() }
        try Spool.writeAll(fd, p, n, name: name)
        count += n
    }

    /// Appends a buffer.
    func append(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        guard let base = buffer.baseAddress else { return }
        try append(UnsafeRawPointer(base), count: buffer.count)
    }

    /// Moves the bytes held in memory to a new unlinked temporary file.
    private func spill() throws {
        fd = try Spool.anonymousFile(name: name)
        if let memory, count > 0 { try Spool.writeAll(fd, UnsafeRawPointer(memory), count, name: name) }
        memory?.deallocate()
        memory = nil
        capacity = 0
    }

    /// The bytes, for reading: ownership passes to the returned `MappedFile` storage
    /// (a heap buffer, or the temporary file mapped read-only).
    func takeBytes() throws -> (bytes: UnsafeBufferPointer<UInt8>, mapped: Bool) {
        if fd < 0 {
            let p = memory
            memory = nil
            capacity = 0
            return (UnsafeBufferPointer(start: p, count: p == nil ? 0 : count), false)
        }
        guard count > 0 else { return (UnsafeBufferPointer(start: nil, count: 0), false) }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw EquityError.io(file: name, reason: "cannot map the temporary copy: \(String(cString: strerror(errno)))")
        }
        madvise(p, count, MADV_SEQUENTIAL)
        close(fd)
        fd = -1
        return (UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: count), true)
    }

    /// Writes every byte to `target` (a file descriptor), from memory or from the temporary file.
    func drain(to target: Int32, targetName: String) throws {
        if fd < 0 {
            if let memory, count > 0 { try Spool.writeAll(target, UnsafeRawPointer(memory), count, name: targetName) }
            return
        }
        var offset = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while offset < count {
            let n = pread(fd, buffer, min(chunk, count - offset), off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw EquityError.io(file: name, reason: "cannot read the temporary copy: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try Spool.writeAll(target, UnsafeRawPointer(buffer), n, name: targetName)
            offset += n
        }
    }

    /// Forgets the contents.
    func removeAll() {
        memory?.deallocate()
        memory = nil
        capacity = 0
        count = 0
        if fd >= 0 { close(fd); fd = -1 }
    }

    /// Writes all `n` bytes, retrying on EINTR and short writes; errors (ENOSPC, EPIPE, EIO …) throw.
    static func writeAll(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int, name: String) throws {
        var p = p
        var left = n
        while left > 0 {
            let written = write(fd, p, left)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw EquityError.closedPipe(file: name) }
                throw EquityError.io(file: name, reason: "write failed: \(String(cString: strerror(errno)))")
            }
            if written == 0 { throw EquityError.io(file: name, reason: "write failed: no progress") }
            p += written
            left -= written
        }
    }

    /// A new temporary file in `$TMPDIR` (or `/tmp`), already unlinked: it vanishes when closed.
    static func anonymousFile(name: String) throws -> Int32 {
        var directory = "/tmp"
        if let t = getenv("TMPDIR"), t.pointee != 0 { directory = String(cString: t) }
        var template = Array((directory + "/equity-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw EquityError.io(file: name, reason: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }
}
