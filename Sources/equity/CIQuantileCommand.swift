import ArgumentParser
import Equity

struct CIQuantileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantile",
        abstract: "Assign deprivation quantiles within groups (PHE phe_quantile).",
        discussion: """
        Appends quantile, nquantiles, groupvars and qinverted to every input row. By default the
        highest value gets quantile 1 (PHE invert = TRUE); --no-invert reverses that, and
        --invert-column takes it per row from a TRUE/FALSE column (constant within a group).

        Example:
          equity ci quantile --input Fixtures/ward_indicators.csv --value smokers --nquantiles 5
        """
    )

    @Option(name: .long, help: "Input CSV file with a header row ('-' for standard input).") var input: String
    @Option(name: .long, help: "Output CSV file (default: standard output).") var output: String?
    @Option(help: "Column with the values to rank.") var value: String
    @OptionGroup var inputLimits: LimitOptions
    @Option(name: .customLong("group-by"), help: "Columns within which quantiles are assigned (comma-separated).") var groupBy: String?
    @Option(name: [.customLong("nquantiles"), .customLong("quantiles")], help: "Number of quantiles (default 10).") var nquantiles = 10
    @Flag(inversion: .prefixedNo, help: "Highest value in quantile 1 (default) or lowest.") var invert = true
    @Option(name: .customLong("invert-column"), help: "Column with TRUE/FALSE per row instead of --invert.") var invertColumn: String?

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let reader = try CSVReader(path: input)
            let groupNames = columnList(groupBy)
            let all = Array(reader.header.indices)
            var text = all
            if let invertColumn { text.append(try reader.column(invertColumn)) }
            let groups = try GroupedColumns(reader: reader, groupColumns: try groupNames.map { try reader.column($0) },
                                            numeric: [try reader.column(value)], text: text)
            let v = groups.numeric(0)
            var quantile = [Double](repeating: .nan, count: v.count)
            var inverted = [Bool](repeating: invert, count: v.count)
            for g in 0..<groups.keys.count {
                let rows = groups.members[g]
                var inv = invert
                if invertColumn != nil {
                    let flags = groups.text(all.count)
                    let values = Set(rows.map { flags[$0].uppercased() })
                    guard values.count == 1, let only = values.first, only == "TRUE" || only == "FALSE" else {
                        throw EquityError.invalidValue(groups.location(row: rows[0], numeric: 0),
                            reason: "--invert-column must be TRUE or FALSE and the same within each group")
                    }
                    inv = only == "TRUE"
                }
                let q = try Quantiles(count: nquantiles, invert: inv).assign(rows.map { v[$0] })
                for (k, r) in rows.enumerated() { quantile[r] = q[k]; inverted[r] = inv }
            }
            let out = ByteWriter()
            out.appendRow(reader.header + ["quantile", "nquantiles", "groupvars", "qinverted", "note"])
            let groupvars = groupNames.joined(separator: ", ")
            for r in 0..<v.count {
                for c in all.indices { out.field(groups.text(c)[r]) }
                out.field(quantile[r])
                out.field(nquantiles)
                out.field(groupvars)
                out.field(inverted[r] ? "lowest quantile represents highest values" : "lowest quantile represents lowest values")
                out.field(v[r].isNaN ? "value missing" : (quantile[r].isNaN ? "fewer areas in the group than quantiles" : ""))
                out.endRow()
            }
            try outputFile.write(out)
            try outputFile.commit()
        }
    }

}
