import ArgumentParser
import Equity

struct CIMeanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mean",
        abstract: "Means with Student's t limits (PHE phe_mean).",
        discussion: """
        One row per group: value_sum, value_count, stdev, value, limits. As PHE, a group with a
        missing value has no mean (the note says so); --drop-missing leaves missing values out.

        Example:
          equity ci mean --input Fixtures/ward_indicators.csv --value deaths --confidence 0.95,0.998
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(help: "Column with the values.") var value: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: String?
    @Flag(name: .customLong("drop-missing"),
          help: "Leave missing values out of a group's mean (default: as PHE, a group with a missing value has no mean).")
    var dropMissing = false

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: common.output)
            let mean = MeanInterval(confidence: try common.levels(), dropMissing: dropMissing)
            let reader = try CSVReader(path: common.input)
            let groups = try GroupedColumns(reader: reader, groupColumns: try columnList(groupBy).map { try reader.column($0) },
                                            numeric: [try reader.column(value)])
            let v = groups.numeric(0)
            let out = ByteWriter()
            out.appendRow(groups.groupNames + ["value_sum", "value_count", "stdev", "value"] + mean.confidence.columnNames
                          + ["confidence", "statistic", "method", "note"])
            for g in 0..<groups.keys.count {
                let r = mean.compute(groups.members[g].map { v[$0] })
                groups.appendKey(g, to: out)
                out.field(r.sum)
                out.field(r.count)
                out.field(r.standardDeviation)
                out.appendInterval(r.interval, confidence: mean.confidence, statistic: "mean")
                out.endRow()
            }
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
