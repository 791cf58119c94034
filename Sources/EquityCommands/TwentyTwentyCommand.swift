import ArgumentParser
import Equity

struct TwentyTwentyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twenty-twenty",
        abstract: "The 20:20 (and 10:10) index of An English Atlas of Inequality, per area.",
        discussion: """
        One row per small area (LSOA) with its area (e.g. local authority) and
        its national decile of a deprivation domain (1 = most deprived). For
        each area: lsoas, mdq (deciles 1–2), ldq (deciles 9–10), ldq_mdq
        ("LDQ:MDQ", as the Atlas prints it), index_20_20 = |mdq − ldq|/lsoas,
        the 10:10 variant (deciles 1 and 10), and a note for small areas
        without a decile.

        Example:
          equity twenty-twenty \\
            --input Fixtures/deprivation/england_lsoa11_iod2019.csv.gz \\
            --area-column lad19cd --area-name-column lad19nm \\
            --decile income_decile
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("area-column"), help: "Column with the area code.") var areaColumn = "lad19cd"
    @Option(name: .customLong("area-name-column"), help: "Column with the area name (optional).")
    var areaNameColumn: String?
    @Option(help: "Column with the national decile (1 = most deprived).") var decile = "income_decile"

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let reader = try CSVReader(path: input.input)
            try out.write(try TwentyTwentyTable.compute(reader: reader, areaColumn: try reader.column(areaColumn),
                                                        nameColumn: try areaNameColumn.map { try reader.column($0) },
                                                        decileColumn: try reader.column(decile), format: output.format))
            try out.commit()
        }
    }
}
