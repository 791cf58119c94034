/// Analytic moments of the local Moran's Iᵢ under randomisation, as spdep `localmoran` (spdep
/// scale: Iᵢ = (zᵢ/m₂)·Σⱼ wᵢⱼzⱼ with zᵢ = xᵢ − x̄, m₂ = Σz²/n):
///
/// - conditional (Sokal, Oden & Thomson 1998; spdep's default, `conditional = TRUE`), given the
///   value at i: E[Iᵢ] = −zᵢ²·Wᵢ/((n − 1)m₂), Var[Iᵢ] = (zᵢ/m₂)²·n/(n − 2)·(Wᵢ⁽²⁾ − Wᵢ²/(n − 1))·(m₂ − zᵢ²/(n − 1));
/// - total (Anselin 1995; `conditional = FALSE`): E[Iᵢ] = −Wᵢ/(n − 1),
///   Var[Iᵢ] = A·Wᵢ⁽²⁾ + B·(Wᵢ² − Wᵢ⁽²⁾) − E[Iᵢ]², A = (n − b₂)/(n − 1), B = (2b₂ − n)/((n − 1)(n − 2)),
///   b₂ = (Σz⁴/n)/m₂²;
///
/// with Wᵢ = Σⱼ wᵢⱼ and Wᵢ⁽²⁾ = Σⱼ wᵢⱼ². Zᵢ = (Iᵢ − E[Iᵢ])/√Var[Iᵢ], p two-sided from the normal.
/// `scale` multiplies Iᵢ and E[Iᵢ] (and Var by its square) — (n − 1)/n gives esda's Iᵢ, whose Z is
/// the same.
public struct LocalMoranMoments: Sendable, Equatable {
    /// Which moments.
    public enum Kind: String, Sendable, CaseIterable {
        /// Given the value at i (spdep default).
        case conditional
        /// Over all permutations (Anselin 1995).
        case total
    }

    /// Iᵢ (spdep scale × `scale`).
    public var values: [Double]
    /// E[Iᵢ].
    public var expected: [Double]
    /// Var[Iᵢ].
    public var variance: [Double]
    /// Zᵢ (NaN for islands).
    public var z: [Double]
    /// Two-sided normal p-values.
    public var p: [Double]

    /// The moments of every area's Iᵢ.
    public static func compute(_ x: [Double], weights w: SpatialWeights, kind: Kind = .conditional, scale: Double = 1) throws -> LocalMoranMoments {
        try Moran.validate(x, weights: w)
        let n = x.count, nd = Double(n)
        let mean = x.reduce(0, +) / nd
        let z = x.map { $0 - mean }
        let m2 = z.reduce(0) { $0 + $1 * $1 } / nd
        let m4 = z.reduce(0) { $0 + $1 * $1 * $1 * $1 } / nd
        let b2 = m4 / (m2 * m2)
        let a = (nd - b2) / (nd - 1), bb = (2 * b2 - nd) / ((nd - 1) * (nd - 2))
        let lag = w.lag(z)
        var out = LocalMoranMoments(values: [], expected: [], variance: [], z: [], p: [])
        for i in 0..<n {
            var wi = 0.0, wi2 = 0.0
            for k in w.offsets[i]..<w.offsets[i + 1] { wi += w.weights[k]; wi2 += w.weights[k] * w.weights[k] }
            let ii = z[i] / m2 * lag[i]
            let e: Double, v: Double
            switch kind {
            case .conditional:
                e = -(z[i] * z[i] * wi) / ((nd - 1) * m2)
                let r = z[i] / m2
                v = r * r * (nd / (nd - 2)) * (wi2 - wi * wi / (nd - 1)) * (m2 - z[i] * z[i] / (nd - 1))
            case .total:
                e = -wi / (nd - 1)
                v = a * wi2 + bb * (wi * wi - wi2) - e * e
            }
            let zi = v > 0 ? (ii - e) / v.squareRoot() : .nan
            out.values.append(ii * scale)
            out.expected.append(e * scale)
            out.variance.append(v * scale * scale)
            out.z.append(zi)
            out.p.append(zi.isNaN ? .nan : 2 * Normal.survival(abs(zi)))
        }
        return out
    }
}
