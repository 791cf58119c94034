/// Standard populations for direct standardisation.
public enum StandardPopulation {
    /// The European Standard Population 2013: 19 five-year bands 0–4, 5–9, …, 85–89, 90+
    /// (Eurostat 2013; the default `esp2013` of PHEindicatormethods).
    public static let esp2013: [Double] = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                           7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]

    /// The ESP 2013 band (0…18) of an age-band label such as `0-4`, `00-04`, `45–49`, `90+`,
    /// `90 +` or a bare start age (`45`): the band containing its first number, which must be a
    /// multiple of five from 0 to 90. Nil when the label has no such number.
    public static func esp2013Band(label: String) -> Int? {
        guard let start = leadingNumber(label) else { return nil }
        guard start >= 0, start <= 90, start % 5 == 0 else { return nil }
        return start / 5
    }

    /// The first whole number in a label (`"10 – 14"` → 10, `"<1"` → 1), as PHE reads band starts.
    public static func leadingNumber(_ label: String) -> Int? {
        var value: Int? = nil
        for ch in label.unicodeScalars {
            if ch.value >= 48 && ch.value <= 57 {
                // Ages have a few digits; a number too long for Int is not an age.
                let (times10, o1) = (value ?? 0).multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(Int(ch.value - 48))
                if o1 || o2 { return nil }
                value = next
            } else if value != nil {
                break
            }
        }
        return value
    }
}
