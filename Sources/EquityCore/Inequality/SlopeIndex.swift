import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The slope and relative indices of inequality (SII, RII), as PHEindicatormethods `phe_sii`.
///
/// Quantiles are ordered most → least deprived; aᵢ is each quantile's share of the population and
/// bᵢ the midpoint of its cumulative share. The weighted least-squares line of y on b with weights
/// a (closed form; LAPACK `LeastSquares` when covariates are added) gives slope β₁ and
/// intercept β₀: SII = β₁ × multiplier, RII = (β₀ + β₁)/β₀ (inverted when the multiplier is
/// negative). With `transform` the line is fitted to log(rate) or logit(proportion) and the
/// results back-transformed: rates SII = m(e^(β₀+β₁) − e^β₀), RII = e^β₁; proportions
/// SII = m(expit(β₀+β₁) − expit(β₀)), RII = expit(β₀+β₁)/expit(β₀); the intercept is reported on the
/// original scale.
///
/// Confidence limits by Monte Carlo as PHE: each replicate draws every quantile's value from a
/// normal distribution with its mean and standard error (on the log/logit scale for rates and
/// proportions, back-transformed unless `transform`), refits, and the limits are the order
/// statistics at round(n(1 − cv)) and round(n·cv). With `transform` (as PHE) the order
/// statistics are those of the slope on the transformed scale, q, back-transformed around the
/// fitted value at the midpoint of the deprivation scale, μ = β₀ + β₁/2:
/// SII(q) = m(f(μ + q/2) − f(μ − q/2)), RII(q) = f(μ + q/2)/f(μ − q/2) (e^q for rates), with f = exp or
/// expit — so the point estimate is SII(β₁), and the intercept is reported as |m|·f(β₀). Where nothing is back-transformed before the
/// fit (normal values, or `transform`), each replicate's (β₁, β₀) is drawn directly from its exact
/// bivariate normal distribution — the same distribution as k per-quantile draws, at 2 draws a
/// replicate (`drawPerQuantile` restores the literal scheme). Draws use xoshiro256** streams jumped per
/// fixed block of replicates, so a seed gives identical limits on any number of threads; both
/// cores are used. PHE's R draws differ, so limits agree with R statistically, not digit for digit.
public struct SlopeIndex: Sendable {
    /// The indicator's kind (PHE's `value_type`): normal (0), rate (1, log scale) or proportion (2, logit scale).
    public enum ValueType: Int, Sendable, CaseIterable {
        case normal = 0, rate = 1, proportion = 2
    }

    /// The options of `phe_sii`.
    public struct Options: Sendable {
        /// The kind of values.
        public var valueType: ValueType = .normal
        /// Fit on the log/logit scale (PHE's `transform`).
        public var transform = false
        /// Multiplies the SII (negative inverts the RII).
        public var multiplier = 1.0
        /// Monte Carlo repetitions (1,000 to 10,000,000).
        public var repetitions = 100_000
        /// The limits' levels.
        public var confidence: ConfidenceLevels = .ninetyFive
        /// Also the RII and its limits.
        public var rii = false
        /// Repeat the simulation 10 times and report the mean absolute difference of the limits.
        public var reliability = false
        /// The Monte Carlo seed (the same limits on any number of threads).
        public var seed: UInt64 = 1
        /// Draw every quantile's value in every replicate even when the fit is linear in them
        /// (PHE's literal scheme; slower, same distribution).
        public var drawPerQuantile = false
        /// PHE's defaults.
        public init() {}
    }

    /// One group's data, in quantile order (most deprived first).
    public struct Group: Sendable {
        /// Each row's population.
        public var population: [Double]
        /// Values on the original scale.
        public var value: [Double]
        /// Standard errors on the fitting scale (log/logit for rates/proportions).
        public var se: [Double]
        /// Extra design columns (covariates); empty for PHE's two-parameter model.
        public var covariates: [[Double]]
        /// Rows' quantile positions (0-based) when there are several rows per quantile.
        public var quantile: [Int]

        /// A group; `quantile` gives rows' quantile positions when several rows share a quantile (with covariates).
        public init(population: [Double], value: [Double], se: [Double], covariates: [[Double]] = [], quantile: [Int]? = nil) {
            self.population = population
            self.value = value
            self.se = se
            self.covariates = covariates
            self.quantile = quantile ?? Array(0..<population.count)
        }
    }

    /// One group's SII, RII, intercept and limits.
    public struct Result: Sendable, Equatable {
        /// The slope index of inequality (× multiplier).
        public var sii = Double.nan
        /// The SII's lower limits, one per level.
        public var siiLower: [Double] = []
        /// The SII's upper limits.
        public var siiUpper: [Double] = []
        /// The relative index of inequality.
        public var rii = Double.nan
        /// The RII's lower limits.
        public var riiLower: [Double] = []
        /// The RII's upper limits.
        public var riiUpper: [Double] = []
        /// The fitted value at the most deprived end (× |multiplier| with `transform`).
        public var intercept = Double.nan
        /// With `reliability`: the mean absolute difference of the SII's limits over 10 runs.
        public var siiMAD: [Double] = []
        /// With `reliability`: the same for the RII.
        public var riiMAD: [Double] = []
        /// Why a value is missing (empty otherwise).
        public var note = ""

        /// An empty (missing) result.
        public init() {}

        /// A missing result with `levels` empty limits and a note.
        public static func missing(levels: Int, note: String) -> Result {
            var r = Result()
            r.siiLower = Array(repeating: .nan, count: levels)
            r.siiUpper = r.siiLower; r.riiLower = r.siiLower; r.riiUpper = r.siiLower
            r.siiMAD = r.siiLower; r.riiMAD = r.siiLower
            r.note = note
            return r
        }
    }

    /// The options.
    public let options: Options
    let sampler = NormalSampler()

    /// An SII computation with `options`.
    public init(options: Options) { self.options = options }

    /// Replicates per work unit (each unit has its own jumped stream).
    public static let block = 8192

    /// Standard error on the fitting scale from 95% limits (PHE: always z at 95%).
    public static func standardError(lower: Double, upper: Double, valueType: ValueType) -> Double {
        let z = Normal.criticalValue(confidence: 0.95)
        switch valueType {
        case .normal: return (upper - lower) / z / 2
        case .rate: return (log(upper) - log(lower)) / z / 2
        case .proportion: return (log(upper / (1 - upper)) - log(lower / (1 - lower))) / z / 2
        }
    }

    func toFittingScale(_ v: Double) -> Double {
        switch options.valueType {
        case .normal: return v
        case .rate: return log(v)
        case .proportion: return log(v / (1 - v))
        }
    }

    @inline(__always)
    static func expit(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

    /// SII, RII and intercept from a fitted slope and intercept.
    @inline(__always)
    func measures(slope b1: Double, intercept b0: Double) -> (sii: Double, rii: Double, intercept: Double) {
        let m = options.multiplier
        var sii: Double, rii: Double, intercept: Double
        if options.transform && options.valueType == .rate {
            let e0 = exp(b0), e1 = exp(b0 + b1)
            sii = m * (e1 - e0); rii = exp(b1); intercept = abs(m) * e0
        } else if options.transform && options.valueType == .proportion {
            let p0 = Self.expit(b0), p1 = Self.expit(b0 + b1)
            sii = m * (p1 - p0); rii = p1 / p0; intercept = abs(m) * p0
        } else {
            sii = m * b1; rii = (b0 + b1) / b0; intercept = b0
        }
        if m < 0 { rii = 1 / rii }
        return (sii, rii, intercept)
    }

    /// The coefficient vectors (h for the slope, g for the intercept) such that β₁ = h·y and β₀ = g·y.
    func coefficients(_ group: Group) throws -> (h: [Double], g: [Double]) {
        let n = group.population.count
        let total = group.population.reduce(0, +)
        let a = group.population.map { $0 / total }
        // Midpoints of cumulative population share by quantile.
        let nq = (group.quantile.max() ?? -1) + 1
        var qPop = [Double](repeating: 0, count: nq)
        for i in 0..<n { qPop[group.quantile[i]] += a[i] }
        var mid = [Double](repeating: 0, count: nq)
        var cum = 0.0
        for q in 0..<nq { mid[q] = cum + qPop[q] / 2; cum += qPop[q] }
        let b = group.quantile.map { mid[$0] }
        if group.covariates.isEmpty {
            var bbar = 0.0
            for i in 0..<n { bbar += a[i] * b[i] }
            var s2 = 0.0
            for i in 0..<n { s2 += a[i] * (b[i] - bbar) * (b[i] - bbar) }
            let h = (0..<n).map { a[$0] * (b[$0] - bbar) / s2 }
            let g = (0..<n).map { a[$0] - bbar * h[$0] }
            return (h, g)
        }
        // General case: rows of (XᵀWX)⁻¹XᵀW for the intercept and b columns, via LAPACK.
        let design = [[Double](repeating: 1, count: n), b] + group.covariates
        let p = design.count
        let fit = try LeastSquares.fit(design: design, response: [Double](repeating: 0, count: n), weights: a)
        if fit.rank < p { throw EquityError.unusableData("the covariates are collinear with the deprivation gradient (rank \(fit.rank) of \(p))") }
        let inv = fit.inverseInformation
        var h = [Double](repeating: 0, count: n), g = h
        for i in 0..<n {
            var sh = 0.0, sg = 0.0
            for j in 0..<p {
                sh += inv[j * p + 1] * design[j][i]
                sg += inv[j * p + 0] * design[j][i]
            }
            h[i] = sh * a[i]
            g[i] = sg * a[i]
        }
        return (h, g)
    }

    /// One group's SII/RII with Monte Carlo limits drawn from `options.seed`.
    ///
    /// ```swift
    /// var o = SlopeIndex.Options()
    /// o.rii = true
    /// let r = try SlopeIndex(options: o).compute(SlopeIndex.Group(population: pops, value: le, se: se))
    /// ```
    public func compute(_ group: Group, threads: Int = Parallelism.threads) throws -> Result {
        try compute(group, streams: Xoshiro256.streams(seed: options.seed, count: unitsPerGroup)[...], threads: threads)
    }

    /// Several groups with one seed: group g draws from the seed's streams jumped g·(units per
    /// group) times, so each group's limits are the same whatever the other groups and the thread
    /// count. Many groups run one per task; few groups spread each group's replicates across
    /// threads. Nil groups (not computable) give nil.
    public func compute(_ groups: [Group?], threads: Int = Parallelism.threads) throws -> [Result?] {
        let per = unitsPerGroup
        let count = groups.count
        let streams = Xoshiro256.streams(seed: options.seed, count: per * max(1, count))
        var results = [Result?](repeating: nil, count: count)
        var failures = [Error?](repeating: nil, count: count)
        let byGroup = count >= 2 * threads && threads > 1
        results.withUnsafeMutableBufferPointer { resBuffer in
            failures.withUnsafeMutableBufferPointer { failBuffer in
                let res = resBuffer, fail = failBuffer
                let one = { (gi: Int) in
                    guard let group = groups[gi] else { return }
                    do {
                        res[gi] = try compute(group, streams: streams[(gi * per)..<((gi + 1) * per)], threads: byGroup ? 1 : threads)
                    } catch {
                        fail[gi] = error
                    }
                }
                if byGroup {
                    DispatchQueue.concurrentPerform(iterations: count, execute: one)
                } else {
                    for gi in 0..<count { one(gi) }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return results
    }

    /// Computes one group from explicit streams (one per block of replicates).
    func compute(_ group: Group, streams: ArraySlice<Xoshiro256>, threads: Int) throws -> Result {
        try SimulationLimits.check(options.repetitions,
                                   in: options.reliability ? SimulationLimits.repetitionsWithReliability : SimulationLimits.repetitions,
                                   what: "the number of Monte Carlo repetitions")
        var result = Result()
        let n = group.population.count
        let (h, g) = try coefficients(group)
        let fitted = group.value.map { toFittingScale($0) }
        let y = options.transform ? fitted : group.value
        var b1 = 0.0, b0 = 0.0
        for i in 0..<n { b1 += h[i] * y[i]; b0 += g[i] * y[i] }
        let point = measures(slope: b1, intercept: b0)
        result.sii = point.sii
        result.intercept = point.intercept
        if options.rii && group.covariates.isEmpty { result.rii = point.rii }
        if !group.covariates.isEmpty && options.rii { result.note = "RII not defined with covariates" }

        // Monte Carlo.
        let reps = options.repetitions * (options.reliability ? 10 : 1)
        let units = (reps + Self.block - 1) / Self.block
        precondition(streams.count >= units)
        let siiDraws = UnsafeMutableBufferPointer<Double>.allocate(capacity: reps)
        let riiDraws = UnsafeMutableBufferPointer<Double>.allocate(capacity: reps)
        defer { siiDraws.deallocate(); riiDraws.deallocate() }
        // Flat, immutable copies the kernel reads without bounds checks or reference counting.
        let params = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4 * n)
        defer { params.deallocate() }
        for i in 0..<n {
            params[4 * i] = fitted[i]
            params[4 * i + 1] = group.se[i]
            params[4 * i + 2] = h[i]
            params[4 * i + 3] = g[i]
        }
        let p = UnsafePointer(params.baseAddress!)
        let backTransform = !options.transform && options.valueType != .normal
        let type = options.valueType
        let first = streams.startIndex
        let sampler = self.sampler
        // When nothing is back-transformed before the fit, (β₁, β₀) of a replicate is a linear
        // combination of the quantiles' independent normal draws, i.e. exactly bivariate normal
        // with mean (b1, b0) and covariance Σ (hᵢ, gᵢ)ᵀ(hᵢ, gᵢ) σᵢ². Drawing it through its
        // Cholesky factor gives replicates with the same joint distribution as PHE's k draws per
        // replicate, with 2 draws instead of k.
        let linear = !backTransform && !options.drawPerQuantile
        var v11 = 0.0, v00 = 0.0, v10 = 0.0
        for i in 0..<n {
            let s2 = group.se[i] * group.se[i]
            v11 += h[i] * h[i] * s2
            v00 += g[i] * g[i] * s2
            v10 += h[i] * g[i] * s2
        }
        let l11 = v11.squareRoot()
        let l21 = l11 > 0 ? v10 / l11 : 0
        let l22 = max(0, v00 - l21 * l21).squareRoot()
        let fitB1 = (0..<n).reduce(0.0) { $0 + h[$1] * fitted[$1] }
        let fitB0 = (0..<n).reduce(0.0) { $0 + g[$1] * fitted[$1] }
        // With `transform` only the slope on the transformed scale is simulated; its order
        // statistics are back-transformed afterwards (PHE's rule).
        let slopeOnly = options.transform
        let work = { (u: Int) in
            var gen = streams[first + u]
            let start = u * Self.block, end = min(reps, start + Self.block)
            if slopeOnly && linear {
                for r in start..<end { siiDraws[r] = fitB1 + l11 * sampler.next(&gen) }
                return
            }
            if linear {
                for r in start..<end {
                    let z1 = sampler.next(&gen), z2 = sampler.next(&gen)
                    let m = measures(slope: fitB1 + l11 * z1, intercept: fitB0 + l21 * z1 + l22 * z2)
                    siiDraws[r] = m.sii
                    riiDraws[r] = m.rii
                }
                return
            }
            for r in start..<end {
                var s1 = 0.0, s0 = 0.0
                if backTransform {
                    for i in 0..<n {
                        let z = p[4 * i] + p[4 * i + 1] * sampler.next(&gen)
                        let v = type == .rate ? exp(z) : Self.expit(z)
                        s1 += p[4 * i + 2] * v
                        s0 += p[4 * i + 3] * v
                    }
                } else {
                    for i in 0..<n {
                        let v = p[4 * i] + p[4 * i + 1] * sampler.next(&gen)
                        s1 += p[4 * i + 2] * v
                        s0 += p[4 * i + 3] * v
                    }
                }
                if slopeOnly {
                    siiDraws[r] = s1
                    continue
                }
                let m = measures(slope: s1, intercept: s0)
                siiDraws[r] = m.sii
                riiDraws[r] = m.rii
            }
        }
        if threads > 1 && units > 1 {
            DispatchQueue.concurrentPerform(iterations: units, execute: work)
        } else {
            for u in 0..<units { work(u) }
        }
        let samples = options.reliability ? 10 : 1
        let per = options.repetitions
        for (k, c) in options.confidence.levels.enumerated() {
            let (pl, pu) = OrderStatistics.phePositions(count: per, confidence: c)
            var siiL: [Double] = [], siiU: [Double] = [], riiL: [Double] = [], riiU: [Double] = []
            for s in 0..<samples {
                let sii = UnsafeMutableBufferPointer(rebasing: siiDraws[(s * per)..<((s + 1) * per)])
                let (sl, su) = OrderStatistics.selectPair(sii, pl - 1, pu - 1)
                if slopeOnly {
                    let (lowSII, lowRII) = transformedMeasures(slope: sl, midpoint: b0 + b1 / 2)
                    let (highSII, highRII) = transformedMeasures(slope: su, midpoint: b0 + b1 / 2)
                    siiL.append(min(lowSII, highSII)); siiU.append(max(lowSII, highSII))
                    riiL.append(min(lowRII, highRII)); riiU.append(max(lowRII, highRII))
                    continue
                }
                siiL.append(sl); siiU.append(su)
                if options.rii {
                    let rii = UnsafeMutableBufferPointer(rebasing: riiDraws[(s * per)..<((s + 1) * per)])
                    let (rl, ru) = OrderStatistics.selectPair(rii, pl - 1, pu - 1)
                    riiL.append(rl); riiU.append(ru)
                }
            }
            result.siiLower.append(siiL[0]); result.siiUpper.append(siiU[0])
            if options.rii && group.covariates.isEmpty { result.riiLower.append(riiL[0]); result.riiUpper.append(riiU[0]) }
            else { result.riiLower.append(.nan); result.riiUpper.append(.nan) }
            if options.reliability {
                func mad(_ l: [Double], _ u: [Double]) -> Double {
                    var total = 0.0
                    for s in 1..<10 { total += abs(l[s] - l[0]) + abs(u[s] - u[0]) }
                    return total / 18
                }
                result.siiMAD.append(mad(siiL, siiU))
                result.riiMAD.append(options.rii ? mad(riiL, riiU) : .nan)
            }
            _ = k
        }
        return result
    }

    /// SII and RII of a transformed-scale slope q, back-transformed around the fitted midpoint μ:
    /// m(f(μ + q/2) − f(μ − q/2)) and f(μ + q/2)/f(μ − q/2) (inverted for a negative multiplier).
    func transformedMeasures(slope q: Double, midpoint mu: Double) -> (sii: Double, rii: Double) {
        let m = options.multiplier
        let high: Double, low: Double
        if options.valueType == .proportion {
            high = Self.expit(mu + q / 2); low = Self.expit(mu - q / 2)
        } else {
            high = exp(mu + q / 2); low = exp(mu - q / 2)
        }
        let rii = options.valueType == .proportion ? high / low : exp(q)
        return (m * (high - low), m < 0 ? 1 / rii : rii)
    }

    /// Work units per group for these options.
    public var unitsPerGroup: Int {
        let reps = options.repetitions * (options.reliability ? 10 : 1)
        return (reps + Self.block - 1) / Self.block
    }
}
