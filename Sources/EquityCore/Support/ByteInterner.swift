/// Interns short byte strings (codes, names, periods) as dense Int32 ids without creating a
/// `String` per field: open addressing on an FNV-1a hash, texts kept in one byte arena.
public final class ByteInterner {
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var lengths: [Int] = []
    @exclusivity(unchecked) private var table: [Int32]
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private var cache: [String?] = []

    /// An empty interner sized for about `capacity` texts.
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// Distinct texts interned.
    public var count: Int { starts.count }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of these bytes, adding them if new.
    public func intern(_ p: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = Self.hash(p) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            if lengths[Int(id)] == p.count && equal(Int(id), p) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(p.count)
        arena.append(contentsOf: p)
        cache.append(nil)
        table[slot] = id
        if starts.count * 2 > table.count { grow() }
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
                if lengths[Int(id)] == p.count && equal(Int(id), p) { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    private func equal(_ id: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[id]
        return arena.withUnsafeBufferPointer { a in
            for k in 0..<p.count where a[s + k] != p[k] { return false }
            return true
        }
    }

    private func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in 0..<starts.count {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: a[starts[id]..<(starts[id] + lengths[id])])) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(id)
            }
        }
    }

    /// The text of an id (cached).
    public func string(_ id: Int32) -> String {
        if let s = cache[Int(id)] { return s }
        let s = arena.withUnsafeBufferPointer { a in
            String(decoding: UnsafeBufferPointer(rebasing: a[starts[Int(id)]..<(starts[Int(id)] + lengths[Int(id)])]), as: UTF8.self)
        }
        cache[Int(id)] = s
        return s
    }

    /// Calls `body` with the bytes of an id.
    package func withBytes<T>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try arena.withUnsafeBufferPointer { a in
            try body(UnsafeBufferPointer(rebasing: a[starts[Int(id)]..<(starts[Int(id)] + lengths[Int(id)])]))
        }
    }
}
