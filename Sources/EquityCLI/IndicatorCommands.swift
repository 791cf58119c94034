import ArgumentParser
import Equity

/// The files of the indicator data format.
struct IndicatorFiles: ParsableArguments {
    @Option(name: [.customLong("input"), .customLong("data")], help: "Indicator data, long CSV (indicator_id, area_code, period, …).")
    var input: String
    @Option(help: "Indicator metadata CSV (indicator_id, name, value_type, multiplier, polarity, benchmark, group).") var indicators: String
    @Option(name: .customLong("max-inflated-size"), help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G).")
    var maxInflatedSize: String?

    mutating func validate() throws { try LimitOptions.apply(maxInflatedSize) }

    func load(comparators: String?) throws -> IndicatorDataSet {
        try IndicatorDataSet.load(data: input, indicators: indicators, comparators: comparators)
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Fingertips comparisons of each area against England, region, parent and neighbours.",
        discussion: """
        One row per indicator, area, period and comparator: comparison
        (Better/Similar/Worse; Higher/Similar/Lower with no judgement; Better
        95% … Worse 99.8% for two_level; quintile labels; Not compared with the
        reason in note), rag, the rank within the neighbour group (the area and
        its neighbours, competition ranking best first) and the group's mean,
        and the change since the previous period.

        Example:
          equity compare --input Fixtures/luton_marmot/data.csv \\
            --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv \\
            --area E06000032
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Comparators CSV (area_code, comparator, comparator_code).") var comparators: String
    @Option(help: "Only these areas (comma-separated codes); default: every area with comparators.") var area: ColumnList?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let analysis = IndicatorAnalysis(try files.load(comparators: comparators))
            try analysis.compare(areas: area.map { Set($0.names) }, format: output.format) { try out.write($0) }
            try out.commit()
        }
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "The Fingertips recent-trend test for every indicator and area.",
        discussion: """
        One row per indicator and area (and sex/age): trend, chi_squared,
        slope, points, method (χ² test for trend on counts for proportions with
        counts, weighted regression on 95% limits otherwise) and note. With
        --apc, beyond Fingertips: the annual percentage change over the whole
        series and its 95% interval, by IRLS (log-linear Poisson for counts of
        rates and ratios, logistic for proportions).

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
            IndicatorAnalysis(try files.load(comparators: nil)).writeTrends(areas: area.map { Set($0.names) }, apc: apc, into: writer)
            try out.write(writer)
            try out.commit()
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The BI team's indicator table for one area: CSV, Markdown and a self-contained HTML page.",
        discussion: """
        Writes DIR/report.csv, DIR/report.md and DIR/report.html (all or none):
        per indicator (grouped by the metadata's group) the latest and previous
        period side by side — value, England, region, neighbour rank, RAG
        against each, and the recent-trend label.

        Example:
          equity report --input Fixtures/luton_marmot/data.csv \\
            --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv \\
            --area E06000032 --output-dir luton_report
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Comparators CSV (area_code, comparator, comparator_code).") var comparators: String
    @Option(help: "The area's code.") var area: String
    @Option(name: [.customLong("output-dir"), .customLong("output")], help: "Output directory (created if needed).") var outputDir: String
    @Option(help: "Report title (default: '<area name> indicators').") var title: String?

    func run() throws {
        try reportingErrors {
            let directory = try OutputDirectory(path: outputDir)
            let report = try IndicatorReport(analysis: IndicatorAnalysis(try files.load(comparators: comparators)), area: area)
            let heading = title ?? "\(report.areaName) indicators"
            try directory.write("report.csv", report.csv())
            try directory.write("report.md", text: report.markdown(title: heading))
            try directory.write("report.html", text: report.html(title: heading))
            try directory.commit()
            writeStderr("wrote \(outputDir)/report.csv, report.md, report.html (\(report.lines.count) indicators)\n")
        }
    }
}
