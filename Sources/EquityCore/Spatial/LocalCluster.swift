/// A local cluster label in GeoDa's words, shared by the local statistics whose clusters are
/// the quadrants of two signs (local G/G*: High-High hot spots and Low-Low cold spots; Lee's L:
/// all four quadrants of the smoothed values).
public enum LocalCluster: String, Sendable, CaseIterable {
    /// High values among high values (for local G a hot spot).
    case highHigh = "High-High"
    /// Low values among low values (for local G a cold spot).
    case lowLow = "Low-Low"
    /// The first quantity high, the second low.
    case highLow = "High-Low"
    /// The first quantity low, the second high.
    case lowHigh = "Low-High"
    /// Not significant at α after the correction, or on a boundary between quadrants.
    case notSignificant = "Not significant"
    /// No permutations were run.
    case notTested = "Not tested"
    /// No neighbours: never significant.
    case island

    /// The quadrant of two signs (zero is on no side: not significant).
    public init(_ first: Double, _ second: Double) {
        guard first != 0, second != 0, !first.isNaN, !second.isNaN else { self = .notSignificant; return }
        self = first > 0 ? (second > 0 ? .highHigh : .highLow) : (second > 0 ? .lowHigh : .lowLow)
    }
}
