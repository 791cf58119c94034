#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A publishable SVG map of polygons: title and subtitle, legend with its title, the credit line,
/// a scale bar and north arrow, an optional zoom window and inset; self-contained (no scripts,
/// fonts or network).
///
/// Coordinates: longitude/latitude drawn equirectangular with longitude scaled by the cosine of
/// the window's middle latitude (north up; the scale bar is exact at that latitude), projected
/// coordinates as they are (units taken as metres for the scale bar). Vertices are written in
/// tenths of a pixel (sub-pixel), dropping those within 0.3 px of the last one kept; a ring that
/// would lose its shape keeps all its vertices, and one smaller than a tenth of a pixel is drawn
/// as a one-tenth-pixel square — no area disappears.
public enum ThematicMap {
    /// One line of the legend.
    public typealias LegendEntry = SVGMap.LegendEntry

    /// The SVG of `layer` with `fills[f]` and hover `titles[f]` per feature (grey and untitled
    /// where not given). `lonLat` nil decides from the coordinates' range.
    public static func render(_ layer: PolygonLayer, fills: [String], titles: [String], legend: [LegendEntry], style: MapStyle,
                              lonLat: Bool? = nil) -> String {
        // Dots are drawn 5 px across about their points: a 1% margin keeps those at the edge whole.
        let extent = layer.firstPoint == nil ? bounds(layer, features: nil) : bounds(layer, features: nil).padded(0.01)
        let geographic = lonLat ?? (extent.minX >= -180 && extent.maxX <= 180 && extent.minY >= -90 && extent.maxY <= 90)
        let window = style.window ?? extent
        let kx = geographic ? cos((window.minY + window.maxY) / 2 * Double.pi / 180) : 1
        let width = max(style.width, 400)
        let legendWidth = 250.0
        let mapLeft = 12.0, mapWidth = width - legendWidth - mapLeft
        var top = 38.0
        if !style.subtitle.isEmpty { top += 22 }
        top += 10
        let spanX = max((window.maxX - window.minX) * kx, 1e-12), spanY = max(window.maxY - window.minY, 1e-12)
        var scale = mapWidth / spanX
        let maxMapHeight = max(width * 1.1, 500)
        if spanY * scale > maxMapHeight { scale = maxMapHeight / spanY }
        let mapHeight = spanY * scale
        let drawnWidth = spanX * scale
        let creditLines = style.credit.map { wrap($0, characters: Int((width - 24) / 5.6)) } ?? []
        var height = top + max(mapHeight, 320) + 40 + Double(creditLines.count) * 14
        // The inset sits in the legend column under the legend.
        let legendTop = top
        let legendRows = Double(legend.count) + (style.legendTitle.isEmpty ? 0 : 1.3)
        var insetFrame: (x: Double, y: Double, w: Double, h: Double)? = nil
        if let inset = style.inset {
            let iw = legendWidth - 20
            let ikx = kx
            let sx = (inset.maxX - inset.minX) * ikx, sy = inset.maxY - inset.minY
            let ih = min(iw * sy / max(sx, 1e-12), 260)
            let y = legendTop + legendRows * 24 + 30 + (style.insetTitle.isEmpty ? 0 : 18)
            insetFrame = (width - legendWidth + 8, y, iw, ih)
            height = max(height, y + ih + 50 + Double(creditLines.count) * 14)
        }

        let out = ByteWriter()
        out.reserve(layer.x.count * 6 + 4096)
        out.append(raw: """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Arial, Helvetica, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(mapLeft))" y="28" font-size="20" font-weight="bold" fill="#0b0c0c">\(SVGMap.escape(style.title))</text>\n
        """)
        if !style.subtitle.isEmpty {
            out.append(raw: "<text x=\"\(Int(mapLeft))\" y=\"50\" font-size=\"14\" fill=\"#505a5f\">\(SVGMap.escape(style.subtitle))</text>\n")
        }
        out.append(raw: "<defs><clipPath id=\"map\"><rect x=\"\(fmt(mapLeft))\" y=\"\(fmt(top))\" width=\"\(fmt(drawnWidth))\" height=\"\(fmt(mapHeight))\"/></clipPath>")
        if let f = insetFrame {
            out.append(raw: "<clipPath id=\"inset\"><rect x=\"\(fmt(f.x))\" y=\"\(fmt(f.y))\" width=\"\(fmt(f.w))\" height=\"\(fmt(f.h))\"/></clipPath>")
        }
        out.append(raw: "</defs>\n")
        let featureCount = layer.featureCount
        let visible = (0..<featureCount).filter { style.window == nil || window.intersects(bounds(layer, features: [$0])) }
        let strokeAttributes: (String) -> String
        switch style.outline {
        case .none: strokeAttributes = { _ in "" }
        case let .lines(colour, w): strokeAttributes = { _ in " stroke=\"\(SVGMap.escape(colour))\" stroke-width=\"\(fmt(w * 10))\"" }
        case .automatic:
            // Dots keep a thin grey edge (the palest class would vanish against the page);
            // areas a white one, or their own colour when they are too many for edges to show.
            if layer.firstPoint != nil { strokeAttributes = { _ in " stroke=\"#505a5f\" stroke-width=\"4\"" } }
            else if visible.count > 3000 { strokeAttributes = { fill in " stroke=\"\(SVGMap.escape(fill))\" stroke-width=\"2.5\"" } }
            else { strokeAttributes = { _ in " stroke=\"#ffffff\" stroke-width=\"5\"" } }
        }
        // Main map: coordinates in tenths of a pixel inside a scale(0.1) group, one group per
        // fill (fill and outline stated once, not per area).
        out.append(raw: "<g clip-path=\"url(#map)\"><g transform=\"scale(0.1)\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n")
        let project = Projection(minX: window.minX, maxY: window.maxY, kx: kx, scale: scale * 10, left: mapLeft * 10, top: top * 10)
        appendGroups(layer, visible, fills: fills, titles: titles, stroke: strokeAttributes, project, to: out)
        out.append(raw: "</g></g>\n")
        // The inset's frame on the main map, and the inset itself.
        if let inset = style.inset, let f = insetFrame {
            let x0 = mapLeft + (inset.minX - window.minX) * kx * scale, y0 = top + (window.maxY - inset.maxY) * scale
            out.append(raw: "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y0))\" width=\"\(fmt((inset.maxX - inset.minX) * kx * scale))\" height=\"\(fmt((inset.maxY - inset.minY) * scale))\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"1\" clip-path=\"url(#map)\"/>\n")
            if !style.insetTitle.isEmpty {
                out.append(raw: "<text x=\"\(fmt(f.x))\" y=\"\(fmt(f.y - 6))\" font-size=\"13\" font-weight=\"bold\">\(SVGMap.escape(style.insetTitle))</text>\n")
            }
            let iscale = f.w / max((inset.maxX - inset.minX) * kx, 1e-12)
            let fit = min(iscale, f.h / max(inset.maxY - inset.minY, 1e-12))
            let ip = Projection(minX: inset.minX, maxY: inset.maxY, kx: kx, scale: fit * 10, left: f.x * 10, top: f.y * 10)
            out.append(raw: "<g clip-path=\"url(#inset)\"><g transform=\"scale(0.1)\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n")
            let inside = (0..<featureCount).filter { inset.intersects(bounds(layer, features: [$0])) }
            let insetStroke: (String) -> String
            switch style.outline {
            case .automatic where inside.count > 3000: insetStroke = { fill in " stroke=\"\(SVGMap.escape(fill))\" stroke-width=\"2.5\"" }
            default: insetStroke = strokeAttributes
            }
            appendGroups(layer, inside, fills: fills, titles: titles, stroke: insetStroke, ip, to: out)
            out.append(raw: "</g></g>\n<rect x=\"\(fmt(f.x))\" y=\"\(fmt(f.y))\" width=\"\(fmt(f.w))\" height=\"\(fmt(f.h))\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>\n")
        }
        // Legend.
        let lx = width - legendWidth + 8
        var ly = legendTop + 4
        out.append(raw: "<g font-size=\"13\" fill=\"#0b0c0c\">\n")
        if !style.legendTitle.isEmpty {
            for (k, line) in wrap(style.legendTitle, characters: 30).enumerated() {
                out.append(raw: "<text x=\"\(Int(lx))\" y=\"\(Int(ly + 14 + Double(k) * 16))\" font-weight=\"bold\">\(SVGMap.escape(line))</text>\n")
            }
            ly += 10 + Double(wrap(style.legendTitle, characters: 30).count) * 16
        }
        for e in legend {
            out.append(raw: "<rect x=\"\(Int(lx))\" y=\"\(Int(ly))\" width=\"18\" height=\"18\" fill=\"\(SVGMap.escape(e.colour))\" stroke=\"#505a5f\" stroke-width=\"0.5\"/>")
            out.append(raw: "<text x=\"\(Int(lx + 26))\" y=\"\(Int(ly + 14))\">\(SVGMap.escape(e.label))</text>\n")
            ly += 24
        }
        out.append(raw: "</g>\n")
        // Scale bar and north arrow.
        if style.scaleBar {
            let metresPerPixel = geographic ? 111_320.0 / scale : 1 / scale
            let target = drawnWidth / 5 * metresPerPixel
            let p = pow(10, floor(log10(max(target, 1e-9))))
            let nice = [1.0, 2, 5, 10].map { $0 * p }.last { $0 <= target } ?? p
            let px = nice / metresPerPixel
            let label = nice >= 1000 ? "\(NumberFormatting.string(nice / 1000)) km" : "\(NumberFormatting.string(nice)) m"
            let y = top + mapHeight + 22
            out.append(raw: """
            <g fill="#0b0c0c" font-size="12"><rect x="\(fmt(mapLeft))" y="\(fmt(y))" width="\(fmt(px / 2))" height="5" fill="#0b0c0c"/><rect x="\(fmt(mapLeft + px / 2))" y="\(fmt(y))" width="\(fmt(px / 2))" height="5" fill="white" stroke="#0b0c0c" stroke-width="0.8"/><text x="\(fmt(mapLeft))" y="\(fmt(y - 4))">0</text><text x="\(fmt(mapLeft + px))" y="\(fmt(y - 4))" text-anchor="middle">\(label)</text></g>
            <g transform="translate(\(fmt(mapLeft + drawnWidth - 24)),\(fmt(top + mapHeight - 44)))"><polygon points="10,0 18,26 10,20 2,26" fill="#0b0c0c"/><text x="10" y="40" font-size="13" font-weight="bold" text-anchor="middle">N</text></g>\n
            """)
        }
        // Credit.
        var cy = height - 10 - Double(creditLines.count - 1) * 14
        for line in creditLines {
            out.append(raw: "<text x=\"\(Int(mapLeft))\" y=\"\(fmt(cy))\" font-size=\"11\" fill=\"#505a5f\">\(SVGMap.escape(line))</text>\n")
            cy += 14
        }
        out.append(raw: "</svg>\n")
        return out.text
    }

    struct Projection {
        var minX, maxY, kx, scale, left, top: Double
        @inline(__always) func x(_ v: Double) -> Int { Int(((v - minX) * kx * scale + left).rounded()) }
        @inline(__always) func y(_ v: Double) -> Int { Int(((maxY - v) * scale + top).rounded()) }
    }

    /// Appends the features grouped by fill: `<g fill=… stroke=…>` then one `<path>` per feature
    /// with its hover title.
    static func appendGroups(_ layer: PolygonLayer, _ features: [Int], fills: [String], titles: [String], stroke: (String) -> String,
                             _ p: Projection, to out: ByteWriter) {
        var order: [String] = [], members: [String: [Int]] = [:]
        for f in features {
            let fill = f < fills.count ? fills[f] : SVGMap.missingColour
            if members[fill] == nil { order.append(fill) }
            members[fill, default: []].append(f)
        }
        for fill in order {
            out.append(raw: "<g fill=\"\(SVGMap.escape(fill))\"\(stroke(fill))>\n")
            for f in members[fill]! {
                out.append(raw: "<path d=\"")
                appendPath(layer, f, p, to: out)
                let tip = f < titles.count ? titles[f] : ""
                if tip.isEmpty { out.append(raw: "\"/>\n") } else { out.append(raw: "\"><title>\(SVGMap.escape(tip))</title></path>\n") }
            }
            out.append(raw: "</g>\n")
        }
    }

    /// Appends feature f's rings as relative path commands in tenths of a pixel (a point as a dot).
    static func appendPath(_ layer: PolygonLayer, _ f: Int, _ p: Projection, to out: ByteWriter) {
        var xs: [Int] = [], ys: [Int] = []
        for r in layer.featureRingStart[f]..<layer.featureRingStart[f + 1] {
            let a = layer.ringStart[r], b = layer.ringStart[r + 1]
            if b - a == 1 {
                // A point: a dot 5 px across, coloured like an area.
                out.append(raw: "M"); out.append(p.x(layer.x[a]) - 25); out.append(raw: " "); out.append(p.y(layer.y[a]))
                out.append(raw: "a25 25 0 1 0 50 0a25 25 0 1 0-50 0z")
                continue
            }
            guard b - a >= 3 else { continue }
            xs.removeAll(keepingCapacity: true); ys.removeAll(keepingCapacity: true)
            var lx = p.x(layer.x[a]), ly = p.y(layer.y[a])
            xs.append(lx); ys.append(ly)
            for v in (a + 1)..<b {
                let x = p.x(layer.x[v]), y = p.y(layer.y[v])
                if abs(x - lx) < 3 && abs(y - ly) < 3 { continue }
                xs.append(x); ys.append(y); lx = x; ly = y
            }
            if xs.count >= 2 && xs.last == xs.first && ys.last == ys.first { xs.removeLast(); ys.removeLast() }
            if xs.count < 3 {
                // Too small to simplify: every distinct vertex.
                xs.removeAll(keepingCapacity: true); ys.removeAll(keepingCapacity: true)
                for v in a..<(b - 1) {
                    let x = p.x(layer.x[v]), y = p.y(layer.y[v])
                    if let px = xs.last, let py = ys.last, px == x && py == y { continue }
                    xs.append(x); ys.append(y)
                }
                if xs.count < 3 {
                    // Smaller than a tenth of a pixel: a tenth-of-a-pixel square where it lies.
                    let x0 = xs.first ?? p.x(layer.x[a]), y0 = ys.first ?? p.y(layer.y[a])
                    xs = [x0, x0 + 1, x0 + 1, x0]; ys = [y0, y0, y0 + 1, y0 + 1]
                }
            }
            out.append(raw: "M"); out.append(xs[0]); out.append(raw: " "); out.append(ys[0])
            out.append(raw: "l")
            for k in 1..<xs.count {
                let dx = xs[k] - xs[k - 1], dy = ys[k] - ys[k - 1]
                if k > 1 && dx >= 0 { out.append(raw: " ") }
                out.append(dx)
                if dy >= 0 { out.append(raw: " ") }
                out.append(dy)
            }
            out.append(raw: "z")
        }
    }

    /// Bounding box of some features (all when nil).
    static func bounds(_ layer: PolygonLayer, features: [Int]?) -> MapStyle.Box {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        func add(_ range: Range<Int>) {
            for i in range {
                minX = min(minX, layer.x[i]); maxX = max(maxX, layer.x[i])
                minY = min(minY, layer.y[i]); maxY = max(maxY, layer.y[i])
            }
        }
        if let features { for f in features { add(layer.vertexRange(f)) } } else { add(0..<layer.x.count) }
        if minX > maxX { return MapStyle.Box(0, 0, 1, 1) }
        return MapStyle.Box(minX, minY, maxX, maxY)
    }

    /// The window around some features, with a margin of 5%.
    public static func window(around features: [Int], in layer: PolygonLayer) -> MapStyle.Box {
        bounds(layer, features: features).padded(0.05)
    }

    /// A classified choropleth: classes by `classification` (mapclassify's schemes), colours from
    /// `palette`, legend lines "lower – upper (count)" and "No value (count)", hover text
    /// "id: value".
    public static func choropleth(layer: PolygonLayer, ids: [String], values: [Double], classification: MapClassification = .quantiles(5),
                                  palette: Palette = .ylorrd, style: MapStyle, lonLat: Bool? = nil) throws -> String {
        let finite = values.filter { $0.isFinite }
        var fills = [String](repeating: SVGMap.missingColour, count: values.count)
        var legend: [LegendEntry] = []
        if !finite.isEmpty {
            let bins = try classification.bins(values)
            let colours = palette.colours(bins.count)
            let classes = MapClassification.classify(values, bins: bins)
            var counts = [Int](repeating: 0, count: bins.count)
            for (i, c) in classes.enumerated() { if let c { fills[i] = colours[c]; counts[c] += 1 } }
            var lower = finite.min()!
            for (k, upper) in bins.enumerated() {
                let from = k == 0 ? min(lower, upper) : lower
                legend.append(LegendEntry(label: "\(SVGMap.short(from)) – \(SVGMap.short(upper)) (\(counts[k]))", colour: colours[k]))
                lower = upper
            }
        }
        let missing = values.count - finite.count
        if missing > 0 { legend.append(LegendEntry(label: "No value (\(missing))", colour: SVGMap.missingColour)) }
        let titles = (0..<min(ids.count, values.count)).map { "\(ids[$0]): \(values[$0].isFinite ? NumberFormatting.string(values[$0]) : "no value")" }
        return render(layer, fills: fills, titles: titles, legend: legend, style: style, lonLat: lonLat)
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : NumberFormatting.string(r)
    }

    /// Splits text into lines of at most `characters` characters at spaces.
    static func wrap(_ text: String, characters: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > characters { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
