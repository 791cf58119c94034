/// Adaptive Gauss–Kronrod quadrature (the 7-point Gauss / 15-point Kronrod pair of QUADPACK's
/// qk15, Piessens et al. 1983) with global error control: the interval with the largest error
/// estimate is bisected until the total estimate meets the tolerance.
public enum GaussKronrod {
    static let nodes: [Double] = [0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                                  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                                  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                                  0.207784955007898467600689403773245, 0]
    static let kronrodWeights: [Double] = [0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                                           0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                                           0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                                           0.204432940075298892414161999234649, 0.209482141084727828012999174891714]
    /// Gauss weights of nodes 1, 3, 5 and the centre.
    static let gaussWeights: [Double] = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                                         0.381830050505118944950369775488975, 0.417959183673469387755102040816327]

    /// One 15-point rule on [a, b]: the Kronrod estimate and |Kronrod − Gauss|.
    static func rule(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> (value: Double, error: Double) {
        let centre = 0.5 * (a + b), half = 0.5 * (b - a)
        let fc = f(centre)
        var kronrod = fc * kronrodWeights[7]
        var gauss = fc * gaussWeights[3]
        for j in 0..<7 {
            let dx = half * nodes[j]
            let sum = f(centre - dx) + f(centre + dx)
            kronrod += kronrodWeights[j] * sum
            if j % 2 == 1 { gauss += gaussWeights[j / 2] * sum }
        }
        return (kronrod * half, abs((kronrod - gauss) * half))
    }

    /// ∫ₐᵇ f with an error estimate; stops at `relativeTolerance` of the result (or an absolute
    /// floor of 1e-300) or after `maximumIntervals` bisections.
    public static func integrate(_ f: (Double) -> Double, from a: Double, to b: Double, relativeTolerance: Double = 1e-12,
                                 maximumIntervals: Int = 4000) -> (value: Double, error: Double) {
        var intervals: [(a: Double, b: Double, value: Double, error: Double)] = []
        let first = rule(f, a, b)
        intervals.append((a, b, first.value, first.error))
        var total = first.value, error = first.error
        while error > max(relativeTolerance * abs(total), 1e-300) && intervals.count < maximumIntervals {
            var worst = 0
            for k in 1..<intervals.count where intervals[k].error > intervals[worst].error { worst = k }
            let w = intervals[worst]
            let mid = 0.5 * (w.a + w.b)
            if mid <= w.a || mid >= w.b { break }
            let left = rule(f, w.a, mid), right = rule(f, mid, w.b)
            intervals[worst] = (w.a, mid, left.value, left.error)
            intervals.append((mid, w.b, right.value, right.error))
            total = 0; error = 0
            for k in intervals { total += k.value; error += k.error }
        }
        return (total, error)
    }
}
