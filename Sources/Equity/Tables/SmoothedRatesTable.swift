/// The table of `equity eb`: raw and smoothed rates per area.
public enum SmoothedRatesTable {
    /// Options of the smoothing.
    public struct Options: Sendable {
        /// Model of the global estimator.
        public var family: EmpiricalBayes.Family = .poisson
        /// Clamp the global prior variance at zero (spdep); false as esda `Empirical_Bayes`.
        public var clampGlobal = true
        /// The local estimator's variance.
        public var localVariance: EmpiricalBayes.LocalVariance = .spdep
        /// Multiplier of the rates (e.g. 100,000; excess risk is a ratio and is not scaled).
        public var multiplier = 1.0
        /// Options with the defaults.
        public init() {}
    }

    /// One row per area: id, events, base, raw_rate, eb_global, eb_local, local_rate,
    /// excess_risk. The weights give each area's neighbourhood (its neighbours and itself).
    public static func run(ids: [String], events: [Double], base: [Double], weights: SpatialWeights, options o: Options,
                           format: TableFormat = .csv) throws -> ByteWriter {
        for i in 0..<ids.count {
            guard events[i].isFinite, events[i] >= 0 else {
                throw EquityError.invalidArgument("area \(ids[i]): events must be a number, zero or more (got \(NumberFormatting.string(events[i])))")
            }
            guard base[i].isFinite, base[i] > 0 else {
                throw EquityError.invalidArgument("area \(ids[i]): the base (population at risk) must be greater than zero (got \(NumberFormatting.string(base[i])))")
            }
        }
        let global = try EmpiricalBayes.global(events: events, base: base, family: o.family, clampVariance: o.clampGlobal)
        let local = try EmpiricalBayes.local(events: events, base: base, weights: weights, variance: o.localVariance)
        let excess = try EmpiricalBayes.excessRisk(events: events, base: base)
        let out = ByteWriter()
        out.format = format
        out.header(["id", "events", "base", "raw_rate", "eb_global", "eb_local", "local_rate", "excess_risk"])
        let m = o.multiplier
        for i in 0..<ids.count {
            out.field(ids[i])
            out.field(events[i])
            out.field(base[i])
            out.field(global.raw[i] * m)
            out.field(global.estimate[i] * m)
            out.field(local.estimate[i] * m)
            out.field(local.mean[i] * m)
            out.field(excess[i])
            out.endRow()
        }
        out.finishTable()
        return out
    }
}
