import ArgumentParser
import Equity

extension Funnel.Statistic: ExpressibleByArgument {}
extension Funnel.RatioType: ExpressibleByArgument {}
extension Funnel.RateType: ExpressibleByArgument {}

struct FunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Funnel-plot significance per area and control limits for plotting (PHE funnels).",
        discussion: """
        Writes the input rows with a 'significance' column (High (0.001), High (0.025),
        Low (0.001), Low (0.025), Not significant). --limits PATH also writes PHE's 100-point
        table of 95% (2s) and 99.8% (3s) control limits for the chart.

        Proportions: --numerator and --denominator. Ratios: --numerator (observed) and
        --denominator (expected), --ratio-type count|isr. Rates: --numerator (events) and --rate,
        --rate-type dsr|crude, --multiplier, --years-of-data, and --denominator for areas with no
        events (crude rates).

        Example:
          equity funnel --input Fixtures/ward_indicators.csv --statistic proportion --numerator smokers \\
            --denominator adults --multiplier 100 --limits limits.csv
        """
    )

    @Option(name: .long, help: "Input CSV file with a header row ('-' for standard input).") var input: String
    @Option(name: .long, help: "Output CSV file (default: standard output).") var output: String?
    @Option(help: "proportion, ratio or rate.") var statistic: Funnel.Statistic
    @OptionGroup var inputLimits: LimitOptions
    @Option(help: "Column with the numerator (events / observed).") var numerator: String
    @Option(help: "Column with the denominator (population / expected).") var denominator: String?
    @Option(help: "Column with the rate (rates only).") var rate: String?
    @Option(name: .customLong("ratio-type"), help: "count (ratio − 1) or isr (× 100), for the limits table.") var ratioType: Funnel.RatioType = .count
    @Option(name: .customLong("rate-type"), help: "dsr or crude (rates).") var rateType: Funnel.RateType = .dsr
    @Option(parsing: .unconditional, help: "Multiplier: 100 for percentages (default), or the rate's 'per' (rates).") var multiplier: Double = 100
    @Option(name: .customLong("years-of-data"), help: "Years the rates cover (rates' limits table).") var yearsOfData: Double = 1
    @Option(help: "Also write the 100-point control-limits table to this CSV.") var limits: String?

    mutating func validate() throws {
        guard multiplier > 0, multiplier.isFinite else { throw ValidationError("--multiplier must be a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let limitsFile = try limits.map { try OutputFile(path: $0) }
            let reader = try CSVReader(path: input)
            let xCol = try reader.column(numerator)
            let nCol = try denominator.map { try reader.column($0) }
            let rCol = try rate.map { try reader.column($0) }
            switch statistic {
            case .proportion, .ratio:
                guard nCol != nil else { throw EquityError.invalidArgument("--statistic \(statistic.rawValue) needs --denominator") }
            case .rate:
                guard rCol != nil else { throw EquityError.invalidArgument("--statistic rate needs --rate") }
            }
            var numeric = [xCol]
            if let nCol { numeric.append(nCol) }
            if let rCol { numeric.append(rCol) }
            let groups = try GroupedColumns(reader: reader, groupColumns: [], numeric: numeric, text: Array(reader.header.indices))
            let x = groups.numeric(0)
            let n = nCol != nil ? groups.numeric(1) : nil
            let r = rCol != nil ? groups.numeric(numeric.count - 1) : nil
            for i in 0..<x.count {
                if x[i] < 0 { throw groups.fail(row: i, numeric: 0, "numerator \(NumberFormatting.string(x[i])) is negative") }
                if let n {
                    if n[i] <= 0 { throw groups.fail(row: i, numeric: 1, "denominator \(NumberFormatting.string(n[i])) must be greater than zero") }
                    if statistic == .proportion && x[i] > n[i] {
                        throw groups.fail(row: i, numeric: 0, "numerator \(NumberFormatting.string(x[i])) is greater than denominator \(NumberFormatting.string(n[i]))")
                    }
                }
                if let r, x[i] != 0, !(r[i] > 0) {
                    throw groups.fail(row: i, numeric: numeric.count - 1, "rate must be greater than zero where there are events")
                }
                if statistic == .rate, x[i] == 0, rateType == .crude, n?[i].isNaN ?? true {
                    throw groups.fail(row: i, numeric: 0, "an area with no events needs its population (--denominator) for crude rates")
                }
            }
            // Rows missing a value the statistic needs are kept in the output with a note and left
            // out of the funnel's average and limits.
            var notes = [String](repeating: "", count: x.count)
            for i in 0..<x.count {
                if x[i].isNaN { notes[i] = "numerator missing" }
                else if statistic != .rate, n![i].isNaN { notes[i] = "denominator missing" }
                else if statistic == .rate, x[i] != 0, r![i].isNaN { notes[i] = "rate missing" }
            }
            let used = (0..<x.count).filter { notes[$0].isEmpty }
            guard !used.isEmpty else { throw EquityError.unusableData("\(reader.name): no row has the values a funnel needs") }
            let ux = used.map { x[$0] }, un = n.map { col in used.map { col[$0] } }, ur = r.map { col in used.map { col[$0] } }
            let usedLabels: [Funnel.Significance]
            let table: Funnel.LimitsTable
            switch statistic {
            case .proportion:
                let av = ux.reduce(0, +) / un!.reduce(0, +)
                usedLabels = (0..<ux.count).map { Funnel.proportionSignificance(x: ux[$0], n: un![$0], average: av) }
                table = Funnel.proportionLimits(numerators: ux, denominators: un!, multiplier: multiplier)
            case .ratio:
                usedLabels = (0..<ux.count).map { Funnel.poissonSignificance(observed: ux[$0], expected: un![$0], reference: 1) }
                table = Funnel.ratioLimits(observed: ux, expected: un!, type: ratioType)
            case .rate:
                usedLabels = Funnel.rateSignificance(events: ux, rates: ur!, populations: un, type: rateType, multiplier: multiplier)
                table = Funnel.rateLimits(events: ux, rates: ur!, populations: un, type: rateType, multiplier: multiplier, yearsOfData: yearsOfData)
            }
            var labels = [String](repeating: "", count: x.count)
            for (k, i) in used.enumerated() { labels[i] = usedLabels[k].rawValue }
            let out = ByteWriter()
            var column = "significance"
            var suffix = 1
            while reader.header.contains(column) { column = "significance.\(suffix)"; suffix += 1 }
            out.appendRow(reader.header + [column, "note"])
            for i in 0..<x.count {
                for c in reader.header.indices { out.field(groups.text(c)[i]) }
                out.field(labels[i])
                out.field(notes[i])
                out.endRow()
            }
            if let limitsFile {
                let t = ByteWriter()
                t.appendRow(table.columns + ["statistic", "method"])
                for i in 0..<table.values[0].count {
                    for col in table.values { t.field(col[i]) }
                    t.field(table.statistic)
                    t.field(table.method)
                    t.endRow()
                }
                try limitsFile.write(t)
            }
            try outputFile.write(out)
            try limitsFile?.commit()
            try outputFile.commit()
        }
    }
}
