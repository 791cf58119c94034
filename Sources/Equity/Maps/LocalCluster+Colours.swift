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
