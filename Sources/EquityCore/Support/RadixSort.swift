/// LSD radix sort of 64-bit keys carrying a 32-bit payload (16-bit digits, four passes), for the
/// millions of vertex and edge keys contiguity builds from.
enum RadixSort {
    static func sort(keys: inout [UInt64], payload: inout [UInt32]) {
        let n = keys.count
        guard n > 1 else { return }
        var k2 = [UInt64](repeating: 0, count: n)
        var p2 = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            for i in 0..<counts.count { counts[i] = 0 }
            keys.withUnsafeBufferPointer { k in
                for i in 0..<n { counts[Int((k[i] >> UInt64(shift)) & 0xFFFF)] += 1 }
            }
            if counts[Int((keys[0] >> UInt64(shift)) & 0xFFFF)] == n { continue } // all equal in this digit
            var total = 0
            for i in 0..<counts.count { let c = counts[i]; counts[i] = total; total += c }
            keys.withUnsafeBufferPointer { k in
                payload.withUnsafeBufferPointer { p in
                    k2.withUnsafeMutableBufferPointer { ko in
                        p2.withUnsafeMutableBufferPointer { po in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let d = Int((k[i] >> UInt64(shift)) & 0xFFFF)
                                    let at = c[d]
                                    c[d] = at + 1
                                    ko[at] = k[i]
                                    po[at] = p[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &k2)
            swap(&payload, &p2)
        }
    }

    /// Mixes two 64-bit words into one well-spread hash (splitmix finaliser).
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
