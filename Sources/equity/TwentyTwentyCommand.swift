import ArgumentParser
import Equity

struct TwentyTwentyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twenty-twenty",
        abstract: "The 20:20 (and 10:10) index of An English Atlas of Inequality, per area.",
        discussion: """
        One row per small area (LSOA) with its area (e.g. local authority) and its national decile
        of a deprivation domain (1 = most deprived). For each area: lsoas, mdq (deciles 1–2),
        ldq (deciles 9–10), ldq_mdq ("LDQ:MDQ", as the Atlas prints it), index_20_20 =
        |mdq − ldq|/lsoas, and the 10:10 variant (deciles 1 and 10). Reads .gz files directly.

        Example:
          equity twenty-twenty --input Fixtures/deprivation/england_lsoa11_iod2019.csv.gz \\
            --area lad19cd --area-name lad19nm --decile income_decile
        """
    )

    @Option(name: .long, help: "Input CSV (or .csv.gz; '-' for standard input).") var input: String
    @Option(name: .long, help: "Output CSV file (default: standard output).") var output: String?
    @Option(help: "Column with the area code.") var area = "lad19cd"
    @OptionGroup var inputLimits: LimitOptions
    @Option(name: .customLong("area-name"), help: "Column with the area name (optional).") var areaName: String?
    @Option(help: "Column with the national decile (1 = most deprived).") var decile = "income_decile"

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let reader = try CSVReader(path: input)
            let areaColumn = try reader.column(area)
            let nameColumn = try areaName.map { try reader.column($0) }
            let decileColumn = try reader.column(decile)
            let result = try TwentyTwentyTable.compute(reader: reader, areaColumn: areaColumn, nameColumn: nameColumn, decileColumn: decileColumn)
            try outputFile.write(result)
            try outputFile.commit()
        }
    }
}
