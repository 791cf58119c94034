import ArgumentParser
import Equity

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The BI team's indicator table for one area: CSV, Markdown and a self-contained HTML page.",
        discussion: """
        Writes DIR/report.csv, DIR/report.md and DIR/report.html: per indicator (grouped by the
        metadata's group) the latest and previous period side by side — value, England, region,
        neighbour rank, RAG against each, and the recent-trend label.

        Example:
          equity report --data Fixtures/luton_marmot/data.csv --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv --area E06000032 --output luton_report
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Comparators CSV (area_code, comparator, comparator_code).") var comparators: String
    @Option(help: "The area's code.") var area: String
    @Option(name: .long, help: "Output directory (created if needed).") var output: String
    @Option(help: "Report title (default: '<area name> indicators').") var title: String?

    func run() throws {
        try reportingErrors {
            let directory = try OutputDirectory(path: output)
            let set = try files.load(comparators: comparators)
            let report = try IndicatorReport(analysis: IndicatorAnalysis(set), area: area)
            let heading = title ?? "\(report.areaName) indicators"
            try directory.write("report.csv", report.csv())
            try directory.write("report.md", text: report.markdown(title: heading))
            try directory.write("report.html", text: report.html(title: heading))
            try directory.commit()
            writeStderr("wrote \(output)/report.csv, report.md, report.html (\(report.lines.count) indicators)\n")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
