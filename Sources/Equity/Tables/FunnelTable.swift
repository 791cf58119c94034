/// `equity funnel`: every area's funnel-plot significance (input rows with a `significance`
/// column) and PHE's table of control limits for plotting.
public enum FunnelTable {
    /// The input's columns.
    public struct Columns: Sendable {
        /// Events / observed counts.
        public var numerator: String
        /// Population / expected counts (rates: for areas with no events, crude rates).
        public var denominator: String?
        /// The rate (rates only).
        public var rate: String?

        /// Columns for the numerator and, where the statistic needs them, denominator and rate.
        public init(numerator: String, denominator: String? = nil, rate: String? = nil) {
            self.numerator = numerator
            self.denominator = denominator
            self.rate = rate
        }
    }

    /// A funnel plot to draw beside the table: where, how, and which column names the areas
    /// (default: the first column whose name contains "name", else the first column).
    public struct Plot {
        /// The SVG file.
        public var file: OutputFile
        /// Title, subtitle, polarity.
        public var options: FunnelPlot.Options
        /// The column naming each area.
        public var label: String?
        /// A plot written to `file`.
        public init(file: OutputFile, options: FunnelPlot.Options, label: String? = nil) {
            self.file = file
            self.options = options
            self.label = label
        }
    }

    /// Writes the labelled rows to `output` and, when given, the limits table to `limits` and
    /// the funnel plot to `plot`.
    public static func run(input: String, columns c: Columns, options: Funnel.Options, output: OutputFile,
                           limits: OutputFile? = nil, plot: Plot? = nil, format: TableFormat = .csv) throws {
        let reader = try CSVReader(path: input)
        var numeric = [try reader.column(c.numerator)]
        let nIndex = c.denominator.map { _ in numeric.count }
        if let d = c.denominator { numeric.append(try reader.column(d)) }
        let rIndex = c.rate.map { _ in numeric.count }
        if let r = c.rate { numeric.append(try reader.column(r)) }
        let groups = try GroupedColumns(reader: reader, groupColumns: [], numeric: numeric, text: Array(reader.header.indices))
        let analysis: Funnel.Analysis
        do {
            analysis = try Funnel.analyse(numerators: groups.numeric(0), denominators: nIndex.map { groups.numeric($0) },
                                          rates: rIndex.map { groups.numeric($0) }, options: options)
        } catch {
            if error.index < 0 { throw EquityError.unusableData("\(reader.name): \(error.issue.reason)") }
            let k: Int
            switch Funnel.Input(rawValue: error.issue.input) ?? .numerator {
            case .numerator: k = 0
            case .denominator: k = nIndex ?? 0
            case .rate: k = rIndex ?? 0
            }
            throw groups.fail(row: error.index, numeric: k, error.issue.reason)
        }
        let out = ByteWriter()
        out.format = format
        var column = "significance"
        var suffix = 1
        while reader.header.contains(column) { column = "significance.\(suffix)"; suffix += 1 }
        out.header(reader.header + [column, "note"])
        for i in 0..<analysis.notes.count {
            for c in reader.header.indices { out.field(groups.text(c)[i]) }
            out.field(analysis.significance[i]?.rawValue ?? "")
            out.field(analysis.notes[i])
            out.endRow()
        }
        out.finishTable()
        if let limits {
            let table = analysis.limits
            let t = ByteWriter()
            t.format = format
            t.header(table.columns + ["statistic", "method"])
            for i in 0..<table.values[0].count {
                for col in table.values { t.field(col[i]) }
                t.field(table.statistic)
                t.field(table.method)
                t.endRow()
            }
            t.finishTable()
            try limits.write(t)
        }
        if let plot {
            let labelColumn = try plot.label.map { try reader.column($0) }
                ?? reader.header.firstIndex { $0.lowercased().contains("name") } ?? 0
            let points = FunnelPlot.points(numerators: groups.numeric(0), denominators: nIndex.map { groups.numeric($0) },
                                           rates: rIndex.map { groups.numeric($0) }, names: groups.text(labelColumn),
                                           analysis: analysis, options: options)
            try plot.file.write(FunnelPlot.svg(points: points, limits: analysis.limits, funnel: options, options: plot.options))
        }
        try output.write(out)
    }
}
