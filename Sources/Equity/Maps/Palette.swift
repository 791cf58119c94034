/// Colour palettes for maps, all readable with the common colour-vision deficiencies: ColorBrewer
/// sequential and diverging schemes marked colour-blind safe (Brewer, colorbrewer2.org), and
/// viridis/cividis (van der Walt & Smith; Nuñez et al. 2018, cividis optimised for deuteranopia).
/// A palette of k colours samples the scheme's anchors evenly, interpolating in sRGB.
public enum Palette: String, Sendable, CaseIterable {
    /// Yellow–orange–red, sequential (ColorBrewer YlOrRd).
    case ylorrd
    /// Blues, sequential (ColorBrewer Blues).
    case blues
    /// Purples, sequential (ColorBrewer Purples).
    case purples
    /// Greens, sequential (ColorBrewer Greens).
    case greens
    /// Viridis, perceptually uniform.
    case viridis
    /// Cividis, perceptually uniform and deuteranopia-safe.
    case cividis
    /// Red–blue, diverging (ColorBrewer RdBu, reversed so blue is low).
    case rdbu
    /// Purple–orange, diverging (ColorBrewer PuOr).
    case puor

    var anchors: [String] {
        switch self {
        case .ylorrd: return ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"]
        case .blues: return ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
        case .purples: return ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"]
        case .greens: return ["#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c", "#00441b"]
        case .viridis: return ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"]
        case .cividis: return ["#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#fee838"]
        case .rdbu: return ["#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b"]
        case .puor: return ["#2d004b", "#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"]
        }
    }

    /// k colours from low to high (k ≥ 1). Light palettes start a little in from white so the
    /// lowest class stays visible against the page.
    public func colours(_ k: Int) -> [String] {
        let a = anchors.map(Self.rgb)
        guard k > 1 else { return [Self.hex(a[a.count / 2])] }
        let light = [.ylorrd, .blues, .purples, .greens].contains(self)
        let from = light ? 1.0 : 0.0, to = Double(a.count - 1)
        return (0..<k).map { i in
            let t = from + (to - from) * Double(i) / Double(k - 1)
            let j = min(Int(t), a.count - 2), f = t - Double(j)
            let c = (0..<3).map { a[j][$0] + (a[j + 1][$0] - a[j][$0]) * f }
            return Self.hex(c)
        }
    }

    static func rgb(_ hex: String) -> [Double] {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        return [Double((v >> 16) & 255), Double((v >> 8) & 255), Double(v & 255)]
    }

    static func hex(_ c: [Double]) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for x in c {
            let v = Int(x.rounded())
            s.append(digits[(v >> 4) & 15]); s.append(digits[v & 15])
        }
        return s
    }
}
