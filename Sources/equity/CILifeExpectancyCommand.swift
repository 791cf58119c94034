import ArgumentParser
import Equity

struct CILifeExpectancyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "life-expectancy",
        abstract: "Life expectancy by age band (Chiang II, Silcocks limits; PHE phe_life_expectancy).",
        discussion: """
        One row per age band (and group): deaths, population and the band's start age (0, 1, 5,
        …, 90 by default, as PHE; labels such as '1-4' or '90+' are read by their first number).
        --age-contents sets other bands, e.g. 0,1,5,…,85 for a final 85+ band. Output: one row per
        group and band (or the ages in --le-age) with life expectancy at that age.

        Example:
          equity ci life-expectancy --input Fixtures/life_expectancy.csv --group-by area \\
            --deaths deaths --population population --start-age startage --le-age 0,65
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(help: "Column with deaths.") var deaths: String
    @Option(help: "Column with population (person-years).") var population: String
    @Option(name: [.customLong("start-age"), .customLong("age-band")], help: "Column with each band's start age or label.")
    var startAge: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: String?
    @Option(name: .customLong("age-contents"), help: "Start ages of the bands, comma-separated (default 0,1,5,10,…,90).")
    var ageContents: String?
    @Option(name: .customLong("le-age"), help: "Ages to report (comma-separated) or 'all'.") var leAge = "all"

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: common.output)
            var starts = LifeExpectancy.defaultStartAges
            if let ageContents {
                starts = try ageContents.split(separator: ",").map { part in
                    guard let v = StandardPopulation.leadingNumber(String(part)) else {
                        throw EquityError.invalidArgument("--age-contents: \(MessageText.quoted(part)) is not an age")
                    }
                    return Double(v)
                }
            }
            let le = try LifeExpectancy(confidence: try common.levels(), startAges: starts)
            var report: Set<Double>? = nil
            if leAge != "all" {
                report = Set(try leAge.split(separator: ",").map { part -> Double in
                    guard case let .number(v) = NumberParsing.parse(String(part)), starts.contains(v) else {
                        throw EquityError.invalidArgument("--le-age: \(MessageText.quoted(part)) is not the start of an age band")
                    }
                    return v
                })
            }
            let reader = try CSVReader(path: common.input)
            let groups = try GroupedColumns(reader: reader, groupColumns: try columnList(groupBy).map { try reader.column($0) },
                                            numeric: [try reader.column(deaths), try reader.column(population)],
                                            text: [try reader.column(startAge)])
            let d = groups.numeric(0), p = groups.numeric(1), labels = groups.text(0)
            let out = ByteWriter()
            out.appendRow(groups.groupNames + [startAge, deaths, population, "value"] + le.confidence.columnNames
                          + ["confidence", "statistic", "method", "note"])
            for g in 0..<groups.keys.count {
                var bandRow = [Int?](repeating: nil, count: starts.count)
                var problem = ""
                for r in groups.members[g] {
                    guard let age = StandardPopulation.leadingNumber(labels[r]), let k = starts.firstIndex(of: Double(age)) else {
                        throw groups.fail(row: r, text: 0,
                            "age band \(MessageText.quoted(labels[r])) does not start at one of the bands \(starts.map { NumberFormatting.string($0) }.joined(separator: ","))")
                    }
                    if bandRow[k] != nil {
                        throw groups.fail(row: r, text: 0, "age band \(MessageText.quoted(labels[r])) appears twice in this group")
                    }
                    bandRow[k] = r
                }
                let missing = starts.indices.filter { bandRow[$0] == nil }
                if !missing.isEmpty {
                    problem = "age band starting \(missing.map { NumberFormatting.string(starts[$0]) }.joined(separator: ", ")) missing"
                }
                let outcome: LifeExpectancy.Outcome = problem.isEmpty
                    ? le.compute(deaths: bandRow.map { d[$0!] }, populations: bandRow.map { p[$0!] })
                    : .suppressed(problem)
                for k in starts.indices {
                    if let report, !report.contains(starts[k]) { continue }
                    let result: IntervalResult
                    switch outcome {
                    case let .table(rows): result = rows[k]
                    case let .suppressed(reason):
                        result = .missing(levels: le.confidence.count, method: LifeExpectancy.method, note: reason)
                    }
                    groups.appendKey(g, to: out)
                    if let r = bandRow[k] {
                        out.field(labels[r]); out.field(d[r]); out.field(p[r])
                    } else {
                        out.field(NumberFormatting.string(starts[k])); out.field(Double.nan); out.field(Double.nan)
                    }
                    out.appendInterval(result, confidence: le.confidence, statistic: LifeExpectancy.statistic(startAge: starts[k]))
                    out.endRow()
                }
            }
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
