/// How a map is laid out and drawn: titles, legend title, credit, outlines, window and inset.
public struct MapStyle: Sendable {
    /// The attribution ONS boundaries require under the Open Government Licence (ONS, *Using
    /// our boundary products*; OS: "Contains OS data © Crown copyright and database right").
    public static let onsCredit = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025"

    /// A rectangle in the data's coordinates.
    public struct Box: Sendable, Equatable {
        /// West, south, east and north bounds.
        public var minX, minY, maxX, maxY: Double
        /// A box (corners in any order).
        public init(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
            minX = Swift.min(x0, x1); maxX = Swift.max(x0, x1)
            minY = Swift.min(y0, y1); maxY = Swift.max(y0, y1)
        }
        /// Whether the box overlaps another.
        public func intersects(_ b: Box) -> Bool { !(b.maxX < minX || b.minX > maxX || b.maxY < minY || b.minY > maxY) }
        /// The box grown by `fraction` of its size on every side.
        public func padded(_ fraction: Double) -> Box {
            let dx = (maxX - minX) * fraction, dy = (maxY - minY) * fraction
            return Box(minX - dx, minY - dy, maxX + dx, maxY + dy)
        }
    }

    /// Feature outlines.
    public enum Outline: Sendable, Equatable {
        /// Thin grey lines on maps of up to 3,000 areas; beyond, each area outlined in its own
        /// fill (no seams, and cities do not turn grey at national scale).
        case automatic
        /// No outlines.
        case none
        /// Lines of this CSS colour and width (pixels).
        case lines(colour: String, width: Double)
    }

    /// The map's title.
    public var title: String
    /// A second line under the title (period, source, method).
    public var subtitle = ""
    /// The legend's heading (the variable and its units).
    public var legendTitle = ""
    /// The credit line (nil: none).
    public var credit: String? = MapStyle.onsCredit
    /// Outlines.
    public var outline: Outline = .automatic
    /// Width of the image in pixels.
    public var width = 900.0
    /// The part of the data to draw (nil: all of it).
    public var window: Box?
    /// An enlarged view of this box beside the legend (e.g. London on a map of England).
    public var inset: Box?
    /// The inset's heading.
    public var insetTitle = ""
    /// Draw a scale bar and a north arrow.
    public var scaleBar = true

    /// A style with this title and the defaults.
    public init(title: String) { self.title = title }
}
