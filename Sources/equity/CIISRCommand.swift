import ArgumentParser
import Equity

extension IndirectlyStandardised.Kind: ExpressibleByArgument {}

struct CIISRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isr",
        abstract: "Indirectly standardised rates or ratios (PHE calculate_ISRate / calculate_ISRatio).",
        discussion: """
        One row per age band (and group) with the local count and population and the reference
        count and population. --observed-totals FILE gives each group's observed total instead
        (a CSV with the group columns and an 'observed' column), as when counts by age are unknown.

        Example:
          equity ci isr --input Fixtures/dsr_by_age.csv --group-by area --numerator deaths --denominator population \\
            --reference-numerator ref_deaths --reference-denominator ref_population --statistic ratio --multiplier 100
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(name: [.customLong("numerator"), .customLong("count")], help: "Column with local events per band.")
    var numerator: String?
    @Option(name: [.customLong("denominator"), .customLong("population")], help: "Column with local population per band.")
    var denominator: String
    @Option(name: .customLong("reference-numerator"), help: "Column with reference events per band.") var referenceNumerator: String
    @Option(name: .customLong("reference-denominator"), help: "Column with reference population per band.") var referenceDenominator: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: String?
    @Option(help: "rate or ratio.") var statistic: IndirectlyStandardised.Kind = .rate
    @Option(parsing: .unconditional, help: "Rate per this many (rate, default 100000) or the ratio's reference value (ratio, default 1).")
    var multiplier: Double?
    @Option(name: .customLong("observed-totals"), help: "CSV of observed totals per group (group columns + observed).")
    var observedTotals: String?
    @Option(name: .customLong("observed-column"), help: "Column of --observed-totals with the totals.") var observedColumn = "observed"

    mutating func validate() throws {
        if let multiplier, !(multiplier > 0 && multiplier.isFinite) { throw ValidationError("--multiplier must be a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: common.output)
            let isr = IndirectlyStandardised(kind: statistic, confidence: try common.levels(), multiplier: multiplier)
            guard numerator != nil || observedTotals != nil else {
                throw EquityError.invalidArgument("give --numerator (counts per band) or --observed-totals")
            }
            let reader = try CSVReader(path: common.input)
            let groupNames = columnList(groupBy)
            var numeric = [try reader.column(denominator), try reader.column(referenceNumerator), try reader.column(referenceDenominator)]
            if let numerator { numeric.append(try reader.column(numerator)) }
            let groups = try GroupedColumns(reader: reader, groupColumns: try groupNames.map { try reader.column($0) }, numeric: numeric)
            let n = groups.numeric(0), rx = groups.numeric(1), rn = groups.numeric(2)
            let x = numerator != nil ? groups.numeric(3) : nil
            for r in 0..<n.count {
                if n[r] < 0 { throw groups.fail(row: r, numeric: 0, "population \(NumberFormatting.string(n[r])) is negative") }
                if rx[r] < 0 { throw groups.fail(row: r, numeric: 1, "reference count \(NumberFormatting.string(rx[r])) is negative") }
                if rn[r] <= 0 { throw groups.fail(row: r, numeric: 2, "reference population \(NumberFormatting.string(rn[r])) must be greater than zero") }
                if let x, x[r] < 0 { throw groups.fail(row: r, numeric: 3, "count \(NumberFormatting.string(x[r])) is negative") }
            }
            var totals: [[String]: Double] = [:]
            if let path = observedTotals {
                let obs = try CSVReader(path: path)
                let keyCols = try groupNames.map { try obs.column($0) }
                let oc = try obs.column(observedColumn)
                try obs.forEachRow { s in
                    let v = try obs.number(s, oc)
                    if v < 0 {
                        throw EquityError.invalidValue(SourceLocation(file: obs.name, line: s.line, column: oc + 1),
                                                       reason: "observed total \(NumberFormatting.string(v)) is negative")
                    }
                    totals[keyCols.map { s.text($0) }] = v
                }
            }
            let out = ByteWriter()
            out.appendRow(groups.groupNames + ["observed", "expected"] + (statistic == .rate ? ["ref_rate"] : [])
                          + ["value"] + isr.confidence.columnNames + ["confidence", "statistic", "method", "note"])
            for g in 0..<groups.keys.count {
                let bands = groups.members[g].map { r in
                    IndirectlyStandardised.Band(count: x?[r] ?? 0, population: n[r], referenceCount: rx[r], referencePopulation: rn[r])
                }
                var observed: Double? = nil
                var extra = ""
                if observedTotals != nil {
                    if let t = totals[groups.keys[g]] { observed = t } else {
                        observed = .nan
                        extra = "no observed total for this group in \(observedTotals!)"
                    }
                }
                var result = isr.compute(bands, observed: observed)
                if !extra.isEmpty { result.interval.note = extra }
                groups.appendKey(g, to: out)
                out.field(result.observed)
                out.field(result.expected)
                if statistic == .rate { out.field(result.referenceRate) }
                out.appendInterval(result.interval, confidence: isr.confidence, statistic: isr.statistic)
                out.endRow()
            }
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
