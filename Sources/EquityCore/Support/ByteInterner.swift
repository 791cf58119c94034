#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns short byte strings (codes, names, periods) as dense Int32 ids without creating a
/// `String` per field: open addressing on an FNV-1a hash, texts kept in one byte arena.
///
/// The arena and the span of each id live in buffers the interner owns, so reading an id's bytes
/// (done for every field of every output row) is pointer arithmetic with no reference counting.
/// Reading from several threads is safe while nothing is being interned.
public final class ByteInterner {
    /// The texts, back to back.
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0, arenaCapacity: Int
    /// Start and length of each id's text in `arena`.
    private var spans: UnsafeMutablePointer<Span>
    private var spanCount = 0, spanCapacity: Int
    @exclusivity(unchecked) private var table: [Int32]
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private var cache: [String?] = []

    private struct Span { var start: Int; var length: Int }

    /// An empty interner sized for about `capacity` texts.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        spanCapacity = max(16, capacity)
        spans = .allocate(capacity: spanCapacity)
        arenaCapacity = max(256, capacity * 8)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        arena.deallocate()
        spans.deallocate()
    }

    /// Distinct texts interned.
    public var count: Int { spanCount }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private func bytes(_ id: Int) -> UnsafeBufferPointer<UInt8> {
        let s = spans[id]
        return UnsafeBufferPointer(start: arena + s.start, count: s.length)
    }

    /// The id of these bytes, adding them if new.
    public func intern(_ p: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = Self.hash(p) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            if equal(Int(id), p) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(spanCount)
        if spanCount == spanCapacity {
            let grown = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
            grown.moveInitialize(from: spans, count: spanCount)
            spans.deallocate()
            spans = grown
            spanCapacity *= 2
        }
        if arenaCount + p.count > arenaCapacity {
            var capacity = arenaCapacity * 2
            while arenaCount + p.count > capacity { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.moveInitialize(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        if let base = p.baseAddress, p.count > 0 { (arena + arenaCount).initialize(from: base, count: p.count) }
        (spans + spanCount).initialize(to: Span(start: arenaCount, length: p.count))
        arenaCount += p.count
        spanCount += 1
        cache.append(nil)
        table[slot] = id
        if spanCount * 2 > table.count { grow() }
        return id
    }

    /// The id of a string, adding it if new.
    public func intern(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { intern($0) }
    }

    /// The id of these bytes if already interned.
    public func find(_ s: String) -> Int32? {
        var s = s
        return s.withUTF8 { p -> Int32? in
            var slot = Self.hash(p) & mask
            while true {
                let id = table[slot]
                if id < 0 { return nil }
                if equal(Int(id), p) { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func equal(_ id: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = spans[id]
        guard s.length == p.count else { return false }
        guard let base = p.baseAddress, s.length > 0 else { return true }
        return memcmp(arena + s.start, base, s.length) == 0
    }

    private func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<spanCount {
            var slot = Self.hash(bytes(id)) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
    }

    /// The text of an id (cached).
    public func string(_ id: Int32) -> String {
        if let s = cache[Int(id)] { return s }
        let s = String(decoding: bytes(Int(id)), as: UTF8.self)
        cache[Int(id)] = s
        return s
    }

    /// Calls `body` with the bytes of an id (valid only inside `body`).
    @inline(__always)
    package func withBytes<T>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        precondition(id >= 0 && Int(id) < spanCount, "ByteInterner: id out of range")
        return try body(bytes(Int(id)))
    }
}
