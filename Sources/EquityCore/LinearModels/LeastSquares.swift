import CLinearAlgebra

/// Weighted linear least squares through LAPACK (`dgels`, QR factorisation; `dgelsd`, SVD, when
/// the design may be rank-deficient): minimise Σ wᵢ (yᵢ − xᵢᵀβ)².
///
/// Rows are scaled by √wᵢ and the scaled problem is solved by LAPACK from the system's
/// liblapack/OpenBLAS. The covariance of β for weights that are inverse variances is
/// (XᵀWX)⁻¹ (no residual-variance scaling), from the Cholesky factor (`dpotrf`/`dpotri`).
public enum LeastSquares {
    /// A fitted model.
    public struct Fit: Sendable, Equatable {
        /// The coefficients, one per column of the design.
        public var coefficients: [Double]
        /// (XᵀWX)⁻¹, column-major p × p.
        public var inverseInformation: [Double]
        /// Rank found by the solver.
        public var rank: Int
    }

    /// Fits y on the columns of `design` (each column an array of n values) with weights `w`.
    public static func fit(design columns: [[Double]], response y: [Double], weights w: [Double]? = nil) throws -> Fit {
        let n = y.count, p = columns.count
        guard p > 0, n >= p else { throw EquityError.invalidArgument("least squares needs at least as many rows (\(n)) as parameters (\(p))") }
        for c in columns where c.count != n { throw EquityError.invalidArgument("design columns must all have \(n) values") }
        if let w, w.count != n { throw EquityError.invalidArgument("weights must have \(n) values") }
        var a = [Double](repeating: 0, count: n * p)
        var b = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let s = (w?[i] ?? 1).squareRoot()
            b[i] = y[i] * s
            for j in 0..<p { a[j * n + i] = columns[j][i] * s }
        }
        let scaled = a
        let lapack = try LAPACK.routines()
        // Minimum-norm solution by SVD (robust to rank deficiency).
        var m32 = Int32(n), n32 = Int32(p), nrhs: Int32 = 1, lda = Int32(n), ldb = Int32(n)
        var s = [Double](repeating: 0, count: p)
        var rcond = -1.0, rank: Int32 = 0, info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        var iworkQuery: Int32 = 0
        lapack.dgelsd(&m32, &n32, &nrhs, &a, &lda, &b, &ldb, &s, &rcond, &rank, &query, &lwork, &iworkQuery, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
        lapack.dgelsd(&m32, &n32, &nrhs, &a, &lda, &b, &ldb, &s, &rcond, &rank, &work, &lwork, &iwork, &info)
        if info != 0 { throw EquityError.unusableData("least squares failed to converge (LAPACK dgelsd info \(info))") }
        // (XᵀWX)⁻¹ from the scaled design.
        var xtx = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for k in 0...j {
                var acc = 0.0
                for i in 0..<n { acc += scaled[j * n + i] * scaled[k * n + i] }
                xtx[j * p + k] = acc
                xtx[k * p + j] = acc
            }
        }
        var uplo = Int8(UInt8(ascii: "L")), pp = Int32(p), ldx = Int32(p)
        lapack.dpotrf(&uplo, &pp, &xtx, &ldx, &info)
        if info == 0 { lapack.dpotri(&uplo, &pp, &xtx, &ldx, &info) }
        if info != 0 {
            xtx = [Double](repeating: .nan, count: p * p)
        } else {
            // dpotri filled the lower triangle (row > column, at column·p + row); mirror it.
            for col in 0..<p { for row in (col + 1)..<max(col + 1, p) { xtx[row * p + col] = xtx[col * p + row] } }
        }
        return Fit(coefficients: Array(b.prefix(p)), inverseInformation: xtx, rank: Int(rank))
    }
}
