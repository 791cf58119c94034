import ArgumentParser
import Equity

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Sum small-area counts to wards, MSOAs, local authorities or new codes through a lookup CSV.",
        discussion: """
        --input has one row per small area (and group): --code and the --sum
        columns (counts, populations, age-band columns). --lookup is a CSV of
        links (ONS best-fit lookups such as LSOA11CD → WD19CD, or the LSOA
        2011 → 2021 lookup; or one made by `equity lookup`): --lookup-from,
        --lookup-to, optional --lookup-name.

        Unchanged and merged areas are summed. A small area linked to several
        larger ones (a split) is divided by --lookup-weight when given (e.g.
        each part's population); without weights its parts are unknown, so the
        larger areas sharing it are kept with empty sums and a note.

        Output per group and larger area: the code (and name), areas (small
        areas found), areas_in_lookup, the sums, note (missing small areas,
        splits). A small-area code missing from the lookup is an error.

        Example (Luton's LSOAs to its wards):
          equity aggregate --input Fixtures/deprivation/luton_lsoa11_income_deprived.csv \\
            --code lsoa11cd --sum pop_mid2015,income_deprived \\
            --lookup Fixtures/lookups/luton_lsoa11_ward25_bestfit.csv \\
            --lookup-from LSOA11CD --lookup-to WD25CD --lookup-name WD25NM
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Column with the small-area code.") var code: String
    @Option(help: "Columns to sum (comma-separated).") var sum: ColumnList
    @Option(name: .customLong("group-by"), help: "Columns identifying a group, e.g. year (comma-separated).") var groupBy: ColumnList?
    @Option(help: "Lookup CSV.") var lookup: String
    @Option(name: .customLong("lookup-from"), help: "Lookup column with the small-area code.") var lookupFrom: String
    @Option(name: .customLong("lookup-to"), help: "Lookup column with the larger area's code.") var lookupTo: String
    @Option(name: .customLong("lookup-name"), help: "Lookup column with the larger area's name.") var lookupName: String?
    @Option(name: .customLong("lookup-weight"), help: "Lookup column with the weight that divides a split area.") var lookupWeight: String?

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let spec = AggregationTable.Lookup(path: lookup, from: lookupFrom, to: lookupTo, name: lookupName, weight: lookupWeight)
            try out.write(try AggregationTable.run(input: input.input, code: code, sum: sum.names, groupBy: groupBy?.names ?? [],
                                                   lookup: spec, format: output.format))
            try out.commit()
        }
    }
}
