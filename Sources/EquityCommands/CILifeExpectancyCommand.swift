import ArgumentParser
import Equity

struct CILifeExpectancyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "life-expectancy",
        abstract: "Life expectancy by age band (Chiang II, Silcocks limits; PHE phe_life_expectancy).",
        discussion: """
        One row per age band (and group): deaths, population and the band's
        start age (0, 1, 5, …, 90 by default, as PHE; labels such as '1-4' or
        '90+' are read by their first number). --age-contents sets other bands,
        e.g. 0,1,5,…,85 for a final 85+ band. Output: one row per group and
        band (or the ages in --le-age) with life expectancy at that age.

        Example:
          equity ci life-expectancy --input Fixtures/life_expectancy.csv \\
            --group-by area --deaths deaths --population population \\
            --age-band startage --le-age 0,65
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(help: "Column with deaths.") var deaths: String
    @Option(help: "Column with population (person-years).") var population: String
    @Option(name: [.customLong("age-band"), .customLong("start-age")], help: "Column with each band's start age or label.")
    var ageBand: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Option(name: .customLong("age-contents"), help: "Start ages of the bands, comma-separated (default 0,1,5,10,…,90).")
    var ageContents: NumberList?
    @Option(name: .customLong("le-age"), help: "Ages to report (comma-separated; default: every band).") var leAge: NumberList?

    mutating func validate() throws {
        let starts = ageContents?.values ?? LifeExpectancy.defaultStartAges
        if let bad = starts.first(where: { !($0 >= 0 && $0 <= 150) || $0 != $0.rounded() }) {
            throw ValidationError("--age-contents: \(NumberFormatting.string(bad)) is not an age")
        }
        if let leAge, let bad = leAge.values.first(where: { !starts.contains($0) }) {
            throw ValidationError("--le-age: \(NumberFormatting.string(bad)) is not the start of an age band")
        }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let le = try LifeExpectancy(confidence: try confidence.levels(), startAges: ageContents?.values ?? LifeExpectancy.defaultStartAges)
            var columns = LifeExpectancyTable.Columns(deaths: deaths, population: population, startAge: ageBand)
            columns.groupBy = groupBy?.names ?? []
            try LifeExpectancyTable.run(input: input.input, columns: columns, statistic: le, ages: leAge.map { Set($0.values) },
                                        output: out, format: output.format)
            try out.commit()
        }
    }
}
