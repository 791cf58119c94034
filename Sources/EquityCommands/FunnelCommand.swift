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
        Writes the input rows with a 'significance' column (High (0.001),
        High (0.025), Low (0.001), Low (0.025), Not significant). --limits PATH
        also writes PHE's 100-point table of 95% (2s) and 99.8% (3s) limits.

        Proportions: --numerator and --denominator. Ratios: --numerator
        (observed) and --denominator (expected), --ratio-type count|isr. Rates:
        --numerator (events) and --rate, --rate-type dsr|crude, --multiplier,
        --years-of-data, and --denominator for areas with no events (crude).
        --plot PATH draws the funnel as SVG (--title, --label COL naming the
        areas, --polarity to say Better/Worse).

        Example:
          equity funnel --input Fixtures/ward_indicators.csv \\
            --statistic proportion --numerator smokers --denominator adults \\
            --limits limits.csv
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "proportion, ratio or rate.") var statistic: Funnel.Statistic
    @Option(help: "Column with the numerator (events / observed).") var numerator: String
    @Option(help: "Column with the denominator (population / expected).") var denominator: String?
    @Option(help: "Column with the rate (rates only).") var rate: String?
    @Option(name: .customLong("ratio-type"), help: "count (ratio − 1) or isr (× 100), for the limits table.") var ratioType: Funnel.RatioType = .count
    @Option(name: .customLong("rate-type"), help: "dsr or crude (rates).") var rateType: Funnel.RateType = .dsr
    @Option(parsing: .unconditional, help: "100 for percentages, or the rate's 'per' (rates).") var multiplier: Double = 100
    @Option(name: .customLong("years-of-data"), parsing: .unconditional, help: "Years the rates cover (rates' limits table).")
    var yearsOfData: Double = 1
    @Option(help: "Also write the 100-point control-limits table to this file.") var limits: String?
    @Option(help: "Also draw the funnel plot as SVG to this file.") var plot: String?
    @Option(help: "The plot's title.") var title: String?
    @Option(help: "Column naming each area on the plot (default: the first column with 'name' in it).") var label: String?
    @Option(help: "high_is_good or low_is_good: the plot says Better/Worse instead of Higher/Lower.") var polarity: String?

    mutating func validate() throws {
        try checkPositive(multiplier)
        try checkPositive(yearsOfData, "--years-of-data")
        switch statistic {
        case .proportion, .ratio:
            if denominator == nil { throw ValidationError("--statistic \(statistic.rawValue) needs --denominator") }
        case .rate:
            if rate == nil { throw ValidationError("--statistic rate needs --rate") }
        }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let limitsFile = try limits.map { try OutputFile(path: $0) }
            let plotFile = try plot.map { try OutputFile(path: $0) }
            var plotOptions = FunnelPlot.Options(title: title ?? "Funnel plot")
            if let polarity {
                guard let p = Polarity(rawValue: polarity) ?? Polarity(text: polarity) else {
                    throw EquityError.invalidArgument("--polarity must be high_is_good or low_is_good")
                }
                plotOptions.polarity = p
            }
            var options = Funnel.Options(statistic: statistic)
            options.multiplier = multiplier
            options.ratioType = ratioType
            options.rateType = rateType
            options.yearsOfData = yearsOfData
            try FunnelTable.run(input: input.input, columns: .init(numerator: numerator, denominator: denominator, rate: rate),
                                options: options, output: out, limits: limitsFile,
                                plot: plotFile.map { FunnelTable.Plot(file: $0, options: plotOptions, label: label) }, format: output.format)
            try limitsFile?.commit()
            try plotFile?.commit()
            try out.commit()
        }
    }
}
