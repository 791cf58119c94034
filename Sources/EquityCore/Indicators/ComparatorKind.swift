/// What an area's value is compared with: Fingertips' three benchmarks (England, the region or
/// another parent area) and the BI team's statistical neighbours (their average, and a rank
/// among them).
public enum ComparatorKind: String, Sendable, CaseIterable, Hashable {
    /// England (E92000001): one comparator area.
    case england
    /// The area's region: one comparator area.
    case region
    /// Another parent area (county, ICB, …): one comparator area.
    case parent
    /// The statistical neighbours: several areas; the comparator value is the mean of the area's
    /// and its neighbours' values, and the area is ranked among them.
    case neighbours

    /// The name shown in tables ("England", "Region", "Parent", "Neighbours").
    public var displayName: String {
        switch self {
        case .england: return "England"
        case .region: return "Region"
        case .parent: return "Parent"
        case .neighbours: return "Neighbours"
        }
    }
}
