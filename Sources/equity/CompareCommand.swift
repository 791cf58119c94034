import ArgumentParser
import Equity

/// The three files of the indicator data format.
struct IndicatorFiles: ParsableArguments {
    @Option(help: "Indicator data, long CSV (indicator_id, area_code, period, …).") var data: String
    @Option(help: "Indicator metadata CSV (indicator_id, name, value_type, multiplier, polarity, benchmark, group).") var indicators: String
    @OptionGroup var inputLimits: LimitOptions

    func load(comparators: String?) throws -> IndicatorDataSet {
        try IndicatorDataSet.load(data: data, indicators: indicators, comparators: comparators)
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Fingertips comparisons of each area against England, region, parent and neighbours.",
        discussion: """
        One row per indicator, area, period and comparator: comparison (Better/Similar/Worse;
        Higher/Similar/Lower with no judgement; Better 95% … Worse 99.8% for two_level; quintile
        labels; Not compared with the reason in note), rag, the rank within the neighbour group
        (the area and its neighbours, competition ranking best first) and the group's mean, and the
        change since the previous period (overlapping 95% intervals = no significant change).

        Example:
          equity compare --data Fixtures/luton_marmot/data.csv --indicators Fixtures/luton_marmot/indicators.csv \\
            --comparators Fixtures/luton_marmot/comparators.csv --area E06000032
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Comparators CSV (area_code, comparator, comparator_code).") var comparators: String
    @Option(help: "Only these areas (comma-separated codes); default: every area with comparators.") var area: String?
    @Option(name: .long, help: "Output CSV (default: standard output).") var output: String?

    func run() throws {
        try reportingErrors {
            let out = try OutputFile(path: output)
            let set = try files.load(comparators: comparators)
            let analysis = IndicatorAnalysis(set)
            try analysis.compare(areas: area.map { Set(columnList($0)) }) { try out.write($0) }
            try out.commit()
        }
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "The Fingertips recent-trend test for every indicator and area.",
        discussion: """
        One row per indicator and area (and sex/age): trend (Increasing/Decreasing and getting
        better/worse, Increasing/Decreasing with no judgement, No significant change, Cannot be
        calculated), chi_squared, slope, points, method (χ² test for trend on counts for
        proportions with counts, weighted regression on 95% limits otherwise) and note. With
        --apc, beyond Fingertips: the annual percentage change over the whole series and its 95%
        interval, by IRLS (log-linear Poisson for counts of rates/ratios, logistic for proportions).

        Example:
          equity trend --data Fixtures/luton_marmot/data.csv --indicators Fixtures/luton_marmot/indicators.csv
        """
    )

    @OptionGroup var files: IndicatorFiles
    @Option(help: "Only these areas (comma-separated codes).") var area: String?
    @Flag(help: "Add the annual percentage change over the whole series (IRLS).") var apc = false
    @Option(name: .long, help: "Output CSV (default: standard output).") var output: String?

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let set = try files.load(comparators: nil)
            let out = ByteWriter()
            IndicatorAnalysis(set).writeTrends(areas: area.map { Set(columnList($0)) }, apc: apc, into: out)
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
