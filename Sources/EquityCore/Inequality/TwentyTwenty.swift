/// The 20:20 index of "An English Atlas of Inequality" (Nyanzu & Rae 2019): among an area's n
/// small areas (LSOAs), MDQ = how many are in national deciles 1–2 (most deprived fifth) and
/// LDQ = how many in deciles 9–10 (least deprived fifth) of a deprivation domain; the Atlas
/// reports "LDQ:MDQ" and the index |MDQ − LDQ|/n. The 10:10 variant uses deciles 1 and 10 only.
public struct TwentyTwenty: Sendable, Equatable {
    /// Small areas with a decile.
    public var areas: Int
    /// Small areas in the most deprived fifth (deciles 1–2) and least deprived fifth (9–10).
    public var mostDeprived: Int
    /// Small areas in the least deprived fifth (deciles 9–10).
    public var leastDeprived: Int
    /// The same for deciles 1 and 10.
    public var mostDeprivedTenth: Int
    /// Small areas in decile 10.
    public var leastDeprivedTenth: Int

    /// Counts an area's small areas by decile (1 = most deprived).
    public init(deciles: [Int]) {
        areas = deciles.count
        mostDeprived = deciles.filter { $0 == 1 || $0 == 2 }.count
        leastDeprived = deciles.filter { $0 == 9 || $0 == 10 }.count
        mostDeprivedTenth = deciles.filter { $0 == 1 }.count
        leastDeprivedTenth = deciles.filter { $0 == 10 }.count
    }

    /// "LDQ:MDQ", as the Atlas prints it (Luton "10:34").
    public var ratioText: String { "\(leastDeprived):\(mostDeprived)" }
    /// |MDQ − LDQ|/n (NaN when the area has no small areas with a decile).
    public var index: Double { areas == 0 ? .nan : Double(abs(mostDeprived - leastDeprived)) / Double(areas) }
    /// "LDQ:MDQ" for deciles 10 and 1.
    public var tenTenText: String { "\(leastDeprivedTenth):\(mostDeprivedTenth)" }
    /// |MDQ − LDQ|/n for deciles 1 and 10.
    public var tenTenIndex: Double { areas == 0 ? .nan : Double(abs(mostDeprivedTenth - leastDeprivedTenth)) / Double(areas) }
}
