import ArgumentParser
import Equity

extension LabelStyle: ExpressibleByArgument {}
extension ReportRendering.Palette: ExpressibleByArgument {}
extension RecentTrend.Rule: ExpressibleByArgument {}
extension PeriodChange.Test: ExpressibleByArgument {}

/// The indicator files and the choices where Fingertips' current and older rules differ.
struct IndicatorFiles: ParsableArguments {
    @Option(name: [.customLong("input"), .customLong("data")],
            help: "Indicator data: a Fingertips export as downloaded, or Equity's long CSV (indicator_id, area_code, period, …).")
    var input: String
    @Option(name: [.customLong("indicators"), .customLong("metadata")],
            help: "Optional metadata CSV (indicator_id; polarity, value_type, unit, decimals, benchmark, group, name, multiplier).")
    var indicators: String?
    @Option(help: "Optional comparators CSV (area_code, comparator, comparator_code): statistical neighbours and other groups.")
    var comparators: String?
    @Option(help: "Label spelling: fingertips (the website) or fingertipsR (the API CSV and fingertipsR).")
    var labels: LabelStyle = .fingertips
    @Option(name: .customLong("trend-rule"), help: "current (Fingertips today) or legacy (methods.md §4: consecutive points, χ² on counts).")
    var trendRule: RecentTrend.Rule = .current
    @Option(name: .customLong("change-test"), help: "difference (two independent estimates, default) or overlap (of the two 95% intervals).")
    var changeTest: PeriodChange.Test = .difference
    @Flag(name: .customLong("rebuild-limits"), help: "Build missing limits from counts whenever counts are given (the older rule).")
    var rebuildLimits = false
    @Option(name: .customLong("max-inflated-size"), help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G).")
    var maxInflatedSize: String?

    mutating func validate() throws { try LimitOptions.apply(maxInflatedSize) }

    /// Reads the files, prints what matched nothing or was assumed to stderr, and checks that
    /// each requested area has rows.
    func analysis(areas: [String]?) throws -> IndicatorAnalysis {
        var read = IndicatorDataSet.ReadOptions()
        read.rebuildLimits = rebuildLimits
        let data = try IndicatorDataSet.load(data: input, indicators: indicators, comparators: comparators, options: read)
        for w in data.warnings { writeStderr("warning: \(w)\n") }
        for a in areas ?? [] where !data.hasRows(area: a) {
            throw EquityError.invalidArgument("area \(MessageText.quoted(a)) has no rows in \(data.dataFile)")
        }
        var options = IndicatorAnalysis.Options()
        options.labels = labels
        options.trendRule = trendRule
        options.changeTest = changeTest
        return IndicatorAnalysis(data, options: options)
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Fingertips comparisons of each area against England, region, parent and neighbours.",
        discussion: """
        One row per indicator series (sex, age, category), area, period and
        comparator: comparison (Better/Similar/Worse; Higher/Similar/Lower
        without judgement; two-level; quintiles; Not compared with the reason
        in note), rag, rank within the neighbour group and its mean, the change
        since the previous period with its 95% interval, and, for a Fingertips
        export, the label Fingertips published and whether Equity agrees.
        England and each area's Parent Code come from the export; the
        comparators file adds neighbours.

        Example:
          equity compare --input Fixtures/luton_marmot/data.csv \\
            --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv \\
            --area E06000032
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Only these areas (comma-separated codes); default: every area with a comparator.") var area: ColumnList?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let analysis = try files.analysis(areas: area?.names)
            var agree = 0, disagree = 0
            try analysis.compare(areas: area.map { Set($0.names) }, format: output.format, agreement: { agree += $0; disagree += $1 }) {
                try out.write($0)
            }
            try out.commit()
            if agree + disagree > 0 {
                writeStderr("published labels: \(agree) of \(agree + disagree) agree with Equity's comparisons\n")
            }
        }
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "The Fingertips recent-trend test for every indicator series and area.",
        discussion: """
        One row per indicator series (sex, age, category) and area: trend,
        chi_squared, slope, points, method and note. --trend-rule current (the
        default) is Fingertips today: proportions, crude rates and DSRs over
        annual periods, the five latest points with counts (gaps allowed),
        weighted regression on their limits. --trend-rule legacy is methods.md
        §4. With --apc, beyond Fingertips: the annual percentage change over
        the whole series (IRLS; Poisson or logistic).

        Example:
          equity trend --input Fixtures/luton_marmot/data.csv \\
            --indicators Fixtures/luton_marmot/indicators.csv
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Only these areas (comma-separated codes).") var area: ColumnList?
    @Flag(help: "Add the annual percentage change over the whole series (IRLS).") var apc = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let writer = ByteWriter()
            writer.format = output.format
            try files.analysis(areas: area?.names).writeTrends(areas: area.map { Set($0.names) }, apc: apc, into: writer)
            try out.write(writer)
            try out.commit()
        }
    }
}

/// What `equity report` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, csv, xlsx, svg
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The BI team's indicator table for one area: HTML with charts, Excel, CSV, Markdown.",
        discussion: """
        Writes into DIR (all files or none): report.html (the table with
        values and 95% limits, counts, England, region and neighbour average,
        RAG against each, rank, change since the previous period, recent trend
        with an arrow; spine and trend charts; accessible, prints on A4
        landscape), report.xlsx (the same table with fills), report.csv (one
        row per indicator), report_long.csv (tidy, for Power BI), compare.csv
        and trend.csv (the area's rows of those tables), report.md, and
        chart_*.svg. --format chooses (default: all; xlsx needs
        libxlsxwriter).

        Example:
          equity report --input Fixtures/luton_marmot/data.csv \\
            --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv \\
            --area E06000032 --output-dir luton_report
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "The area's code.") var area: String
    @Option(name: [.customLong("output-dir"), .customLong("output")], help: "Output directory (created if needed).") var outputDir: String
    @Option(help: "Report title (default: '<area name> indicators').") var title: String?
    @Option(help: "Files to write (comma-separated: html, md, csv, xlsx, svg; default all).") var format: String?
    @Flag(help: "Add a line per category (deprivation deciles, ethnic groups, …) after each headline indicator.")
    var categories = false
    @Option(help: "Source line for the footnote (default: Fingertips, OHID, with the OGL statement).") var source: String?
    @Option(help: "Colours of the comparisons: colour-blind-safe (Okabe–Ito, default) or fingertips (GOV.UK green/yellow/red); words are always written on them.")
    var palette: ReportRendering.Palette = .colourBlindSafe

    func validate() throws {
        for part in (format ?? "").split(separator: ",") where ReportFormat(rawValue: String(part).trimmingCharacters(in: " ")) == nil {
            throw ValidationError("--format: '\(part)' is not one of html, md, csv, xlsx, svg")
        }
    }

    func run() throws {
        try reportingErrors {
            let requested = format.map { Set($0.split(separator: ",").compactMap { ReportFormat(rawValue: String($0).trimmingCharacters(in: " ")) }) }
            var formats = requested ?? Set(ReportFormat.allCases)
            if formats.contains(.xlsx) && !XLSXWorkbook.isAvailable {
                if requested != nil { throw EquityError.invalidArgument("--format xlsx needs libxlsxwriter (apt-get install libxlsxwriter4)") }
                writeStderr("warning: libxlsxwriter not found, so report.xlsx is not written (apt-get install libxlsxwriter4)\n")
                formats.remove(.xlsx)
            }
            let directory = try OutputDirectory(path: outputDir)
            let analysis = try files.analysis(areas: [area])
            let report = try IndicatorReport(analysis: analysis, area: area, includeCategories: categories)
            let heading = title ?? "\(report.areaName) indicators"
            var options = ReportRendering.Options(title: heading)
            if let source { options.source = source }
            options.palette = palette
            var written: [String] = []
            if formats.contains(.csv) {
                try directory.write("report.csv", report.csv())
                try directory.write("report_long.csv", report.tidyCSV())
                // The area's rows of the compare and trend tables, as `equity compare/trend --area`.
                let compare = ByteWriter()
                analysis.compare(areas: [report.area], into: compare)
                try directory.write("compare.csv", compare)
                let trend = ByteWriter()
                analysis.writeTrends(areas: [report.area], into: trend)
                try directory.write("trend.csv", trend)
                written += ["report.csv", "report_long.csv", "compare.csv", "trend.csv"]
            }
            if formats.contains(.md) { try directory.write("report.md", text: report.markdown(title: heading)); written.append("report.md") }
            if formats.contains(.html) { try directory.write("report.html", text: report.html(options)); written.append("report.html") }
            if formats.contains(.svg) {
                for (name, svg) in report.chartFiles(options) { try directory.write(name, text: svg) }
                written.append("chart_*.svg")
            }
            if formats.contains(.xlsx) {
                try report.writeXLSX(to: try directory.reservePath("report.xlsx"), options)
                written.append("report.xlsx")
            }
            try directory.commit()
            writeStderr("wrote \(outputDir)/: \(written.joined(separator: ", ")) (\(report.lines.count) indicators)\n")
        }
    }
}
