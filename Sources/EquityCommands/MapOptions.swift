import ArgumentParser
import Equity

extension Palette: ExpressibleByArgument {}

/// The classification schemes by their mapclassify names.
enum SchemeName: String, ExpressibleByArgument, CaseIterable {
    case quantiles, equalInterval = "equal-interval", naturalBreaks = "natural-breaks", fisherJenks = "fisher-jenks",
         boxPlot = "box-plot", percentiles, user
}

/// How maps are drawn and written (shared by `map`, `lisa`, `moran` and `eb`).
struct MapOptions: ParsableArguments {
    @Option(help: "Draw the map to this file: .svg, or .png (rendered by librsvg).") var map: String?
    @Option(help: "Map title (default: the variable and the statistic).") var title: String?
    @Option(help: "Line under the title (period, source, method).") var subtitle: String?
    @Option(name: .customLong("legend-title"), help: "Legend heading: the variable and its units.") var legendTitle: String?
    @Option(help: "Credit line (default: the ONS/OS attribution the Open Government Licence requires).") var credit: String?
    @Flag(name: .customLong("no-credit"), help: "No credit line (for boundaries that need none).") var noCredit = false
    @Option(help: "Outlines: auto, none, or a colour (#rrggbb or a CSS name).") var outline = "auto"
    @Option(name: .customLong("outline-width"), parsing: .unconditional, help: "Outline width in pixels (with a colour).") var outlineWidth = 0.5
    @Option(help: "Classes: quantiles, equal-interval, natural-breaks (Fisher–Jenks), box-plot, percentiles or user (--breaks).")
    var scheme: SchemeName = .quantiles
    @Option(help: "Number of classes (quantiles, equal-interval, natural-breaks).") var classes = 5
    @Option(parsing: .unconditional, help: "Upper bounds of the classes for --scheme user (comma-separated).") var breaks: NumberList?
    @Option(parsing: .unconditional, help: "Box-plot hinge (1.5 or 3).") var hinge = 1.5
    @Option(help: "Colours: ylorrd, blues, purples, greens, viridis, cividis, rdbu, puor (all colour-blind safe).") var palette: Palette = .ylorrd
    @Option(parsing: .unconditional, help: "Draw only this window: west,south,east,north in the data's coordinates.") var bbox: NumberList?
    @Option(name: .customLong("zoom-to"), help: "Draw the window around these areas: ids (comma-separated) or PROPERTY=VALUE.") var zoomTo: String?
    @Option(parsing: .unconditional, help: "Inset of this box (west,south,east,north) beside the legend, e.g. London.") var inset: NumberList?
    @Option(name: .customLong("inset-title"), help: "Heading of the inset.") var insetTitle: String?
    @Option(name: .customLong("map-width"), help: "Width of the map image in pixels.") var mapWidth = 900.0
    @Option(name: .customLong("png-scale"), help: "Pixels per SVG pixel in PNG output (2 for print and high-density screens).") var pngScale = 2.0
    @Flag(name: .customLong("no-scale-bar"), help: "No scale bar or north arrow.") var noScaleBar = false

    mutating func validate() throws {
        if let bbox, bbox.values.count != 4 { throw ValidationError("--bbox takes four numbers: west,south,east,north") }
        if let inset, inset.values.count != 4 { throw ValidationError("--inset takes four numbers: west,south,east,north") }
        if bbox != nil && zoomTo != nil { throw ValidationError("give --bbox or --zoom-to, not both") }
        if scheme == .user && breaks == nil { throw ValidationError("--scheme user needs --breaks") }
        guard (1...12).contains(classes) else { throw ValidationError("--classes must be from 1 to 12") }
        guard outlineWidth >= 0, outlineWidth.isFinite else { throw ValidationError("--outline-width must be zero or more") }
        guard mapWidth >= 400 && mapWidth <= 10_000 else { throw ValidationError("--map-width must be from 400 to 10,000") }
        guard pngScale > 0 && pngScale <= 8 else { throw ValidationError("--png-scale must be above 0 and at most 8") }
        if let map, !(map.lowercased().hasSuffix(".svg") || map.lowercased().hasSuffix(".png")) {
            throw ValidationError("--map must end in .svg or .png")
        }
    }

    /// The chosen classification.
    var classification: MapClassification {
        switch scheme {
        case .quantiles: return .quantiles(classes)
        case .equalInterval: return .equalInterval(classes)
        case .naturalBreaks, .fisherJenks: return .fisherJenks(classes)
        case .boxPlot: return .boxPlot(hinge: hinge)
        case .percentiles: return .percentiles([1, 10, 50, 90, 99, 100])
        case .user: return .userDefined(breaks?.values ?? [])
        }
    }

    /// The output file, opened before computing (nil without --map).
    func openFile() throws -> OutputFile? { try map.map { try OutputFile(path: $0) } }

    /// The style: titles, credit, outline, window (resolving --zoom-to against the layer) and inset.
    func style(defaultTitle: String, defaultLegendTitle: String = "", layer: PolygonLayer, ids: [String]) throws -> MapStyle {
        var s = MapStyle(title: title ?? defaultTitle)
        s.subtitle = subtitle ?? ""
        s.legendTitle = legendTitle ?? defaultLegendTitle
        s.credit = noCredit ? nil : (credit ?? MapStyle.onsCredit)
        switch outline.lowercased() {
        case "auto": s.outline = .automatic
        case "none": s.outline = .none
        default: s.outline = .lines(colour: outline, width: outlineWidth)
        }
        s.width = mapWidth
        s.scaleBar = !noScaleBar
        if let b = bbox?.values { s.window = MapStyle.Box(b[0], b[1], b[2], b[3]) }
        if let b = inset?.values {
            s.inset = MapStyle.Box(b[0], b[1], b[2], b[3])
            s.insetTitle = insetTitle ?? ""
        }
        if let zoomTo {
            var features: [Int] = []
            if let eq = zoomTo.firstIndex(of: "=") {
                let property = String(zoomTo[..<eq]), value = String(zoomTo[zoomTo.index(after: eq)...])
                let column = try layer.property(property)
                features = column.indices.filter { column[$0] == value }
                if features.isEmpty { throw EquityError.invalidArgument("--zoom-to: no area has \(property) = \(value)") }
            } else {
                let wanted = Set(zoomTo.split(separator: ",").map(String.init))
                features = ids.indices.filter { wanted.contains(ids[$0]) }
                let found = Set(features.map { ids[$0] })
                if let missing = wanted.subtracting(found).sorted().first { throw EquityError.invalidArgument("--zoom-to: no area \(missing)") }
            }
            s.window = ThematicMap.window(around: features, in: layer)
        }
        return s
    }

    /// Writes an SVG document, as PNG when --map ends in .png.
    func write(_ svg: String, to file: OutputFile) throws {
        if file.path.lowercased().hasSuffix(".png") {
            guard let size = PNGRenderer.size(ofSVG: svg) else { throw EquityError.invalidArgument("the map has no size") }
            try file.write(try PNGRenderer.png(svg: svg, width: size.width, height: size.height, scale: pngScale))
        } else {
            try file.write(svg)
        }
    }
}

/// An extra chart file (.svg or .png) beside the table.
func writeChart(_ svg: String, to file: OutputFile, pngScale: Double = 2) throws {
    if file.path.lowercased().hasSuffix(".png") {
        guard let size = PNGRenderer.size(ofSVG: svg) else { throw EquityError.invalidArgument("the chart has no size") }
        try file.write(try PNGRenderer.png(svg: svg, width: size.width, height: size.height, scale: pngScale))
    } else {
        try file.write(svg)
    }
}
