import EquityCore

extension LocalCluster {
    /// The fill for cluster maps, as GeoDa's: reds for high-high, blues for low-low, light red
    /// and light blue for the mixed quadrants, pale grey where not significant or not tested,
    /// mid grey for islands.
    public var mapColour: String {
        switch self {
        case .highHigh: return "#d7191c"
        case .lowLow: return "#2c7bb6"
        case .highLow: return "#fdae61"
        case .lowHigh: return "#abd9e9"
        case .notSignificant, .notTested: return "#eeeeee"
        case .island: return "#9e9e9e"
        }
    }
}

extension LocalCluster {
    /// Legend entries for a cluster map: each label present, in the enum's order, with its count
    /// ("High-High (12)"), under `names` where given (e.g. "High-High: hot spot").
    public static func legend(_ labels: [LocalCluster], names: [LocalCluster: String] = [:]) -> [SVGMap.LegendEntry] {
        allCases.compactMap { c in
            let count = labels.filter { $0 == c }.count
            return count > 0 ? SVGMap.LegendEntry(label: "\(names[c] ?? c.rawValue) (\(count))", colour: c.mapColour) : nil
        }
    }
}
