/// xoshiro256** (Blackman & Vigna 2018): a fast 64-bit generator with 2²⁵⁶ − 1 period and a
/// `jump()` that advances it by 2¹²⁸ steps, so independent streams can be handed to fixed work
/// units. Seeded through SplitMix64 as its authors recommend.
///
/// Equity's rule for randomised methods: split the work into fixed units, give unit k the
/// generator jumped k times, run units on any number of threads — the same seed gives the same
/// result whatever the thread count.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Equatable {
    /// The 256-bit state.
    public var s0, s1, s2, s3: UInt64

    /// Seeds the state through SplitMix64.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inlinable @inline(__always)
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Advances by 2¹²⁸ steps (the authors' jump polynomial).
    public mutating func jump() {
        let jump: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in jump {
            for b in 0..<64 {
                if word & (1 << UInt64(b)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
    }

    /// Generators for `count` work units: unit k gets the seed's generator jumped k times.
    public static func streams(seed: UInt64, count: Int) -> [Xoshiro256] {
        var g = Xoshiro256(seed: seed)
        var out: [Xoshiro256] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(g)
            g.jump()
        }
        return out
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire 2019).
    @inlinable
    public mutating func nextBounded(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }
}

/// Bounded 32-bit draws using both halves of each 64-bit output of a generator.
public struct HalfDraws {
    /// The underlying generator.
    public var generator: Xoshiro256
    @usableFromInline var cached: UInt32 = 0
    @usableFromInline var hasCached = false

    /// Draws from `g`.
    public init(_ g: Xoshiro256) { generator = g }

    @inlinable @inline(__always)
    mutating func next32() -> UInt32 {
        if hasCached { hasCached = false; return cached }
        let r = generator.next()
        cached = UInt32(truncatingIfNeeded: r >> 32)
        hasCached = true
        return UInt32(truncatingIfNeeded: r)
    }

    /// A uniform integer in 0..<bound (exact, Lemire 2019).
    @inlinable @inline(__always)
    public mutating func bounded(_ bound: UInt32) -> UInt32 {
        var m = UInt64(next32()) &* UInt64(bound)
        var low = UInt32(truncatingIfNeeded: m)
        if low < bound {
            let threshold = (0 &- bound) % bound
            while low < threshold {
                m = UInt64(next32()) &* UInt64(bound)
                low = UInt32(truncatingIfNeeded: m)
            }
        }
        return UInt32(truncatingIfNeeded: m >> 32)
    }
}
