/// Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3), as in
/// PHEindicatormethods `phe_proportion` / `wilson_lower` / `wilson_upper`:
///
///     lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
///
/// with x = 0 giving a lower limit of exactly 0 and x = n an upper limit of exactly 1.
public enum Wilson {
    /// The interval for x events out of n at critical value z (unscaled, on [0, 1]).
    @inlinable
    public static func interval(x: Double, n: Double, z: Double) -> (lower: Double, upper: Double) {
        let z2 = z * z
        let root = z * (z2 + 4 * x * (1 - x / n)).squareRoot()
        let denominator = 2 * (n + z2)
        let lower = x == 0 ? 0 : (2 * x + z2 - root) / denominator
        let upper = x == n ? 1 : (2 * x + z2 + root) / denominator
        return (lower, upper)
    }

    /// Batch kernel: limits for every row, scaled by `multiplier`. Buffers must have equal counts.
    public static func intervals(x: UnsafeBufferPointer<Double>, n: UnsafeBufferPointer<Double>, z: Double,
                                 multiplier: Double = 1,
                                 lower: UnsafeMutableBufferPointer<Double>, upper: UnsafeMutableBufferPointer<Double>) {
        let z2 = z * z
        let count = x.count
        for i in 0..<count {
            let xi = x[i], ni = n[i]
            let root = z * (z2 + 4 * xi * (1 - xi / ni)).squareRoot()
            let scale = multiplier / (2 * (ni + z2))
            let lo = (2 * xi + z2 - root) * scale
            let hi = (2 * xi + z2 + root) * scale
            lower[i] = xi == 0 ? 0 : lo
            upper[i] = xi == ni ? multiplier : hi
        }
    }
}
