#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, using
/// the tail algorithm of Marsaglia (1964) beyond r = 3.6541528853610088. About 99% of draws take
/// one 64-bit random number, one multiply and one comparison.
public struct NormalSampler: @unchecked Sendable {
    static let layers = 256
    @usableFromInline static let r = 3.654_152_885_361_008_8
    @usableFromInline static let area = 0.004_928_673_233_974_655_9 // v: area of each layer

    /// Layer edges x[0] = v/f(r) … x[256] = 0, the ratios x[i+1]/x[i] and f(x[i]) = exp(−x²/2),
    /// in one immortal table (read with no bounds checks or reference counting in the hot loop).
    @usableFromInline let x: UnsafePointer<Double>
    @usableFromInline let ratio: UnsafePointer<Double>
    @usableFromInline let fx: UnsafePointer<Double>

    @usableFromInline static let tables: UnsafeMutablePointer<Double> = {
        let n = NormalSampler.layers
        let t = UnsafeMutablePointer<Double>.allocate(capacity: 3 * (n + 1))
        let (x, ratio, fx) = NormalSampler.makeTables()
        for i in 0...n { t[i] = x[i]; t[n + 1 + i] = i < n ? ratio[i] : 0; t[2 * (n + 1) + i] = fx[i] }
        return t
    }()

    /// A sampler (its tables are shared).
    public init() {
        let n = NormalSampler.layers
        x = UnsafePointer(NormalSampler.tables)
        ratio = UnsafePointer(NormalSampler.tables + (n + 1))
        fx = UnsafePointer(NormalSampler.tables + 2 * (n + 1))
    }

    static func makeTables() -> ([Double], [Double], [Double]) {
        let n = NormalSampler.layers
        var xs = [Double](repeating: 0, count: n + 1)
        let f = { (t: Double) in exp(-0.5 * t * t) }
        xs[0] = NormalSampler.area / f(NormalSampler.r)
        xs[1] = NormalSampler.r
        for i in 2..<n {
            xs[i] = (-2 * log(NormalSampler.area / xs[i - 1] + f(xs[i - 1]))).squareRoot()
        }
        xs[n] = 0
        return (xs, (0..<n).map { xs[$0 + 1] / xs[$0] }, xs.map(f))
    }

    /// One standard normal draw.
    @inlinable @inline(__always)
    public func next(_ g: inout Xoshiro256) -> Double {
        while true {
            let bits = g.next()
            let i = Int(bits & 0xFF)
            // A signed uniform in (−1, 1) from the top 53 bits.
            let u = Double(Int64(bitPattern: bits) >> 11) * 0x1.0p-52
            if abs(u) < ratio[i] { return u * x[i] }
            if i == 0 {
                // Tail beyond r.
                var xt = 0.0, yt = 0.0
                repeat {
                    xt = -log(1 - g.nextUnit()) / NormalSampler.r
                    yt = -log(1 - g.nextUnit())
                } while yt + yt < xt * xt
                return u < 0 ? -(NormalSampler.r + xt) : NormalSampler.r + xt
            }
            let xv = u * x[i]
            let y = fx[i + 1] + g.nextUnit() * (fx[i] - fx[i + 1])
            if y < exp(-0.5 * xv * xv) { return xv }
        }
    }
}
