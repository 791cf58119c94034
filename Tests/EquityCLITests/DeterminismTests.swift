import Foundation
import Testing
import EquityTestSupport

/// Every command that draws random numbers or splits work across threads gives byte-identical
/// output on 1 thread and on 4 (`EQUITY_THREADS`), for the same seed: randomised methods draw from
/// fixed streams per fixed unit of work, never per thread.
@Suite struct DeterminismTests {
    static let luton = CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson")
    static let lutonValues = CLI.fixture("deprivation/luton_lsoa11_iod2019.csv")
    static let columbus = CLI.fixture("boundaries/columbus.geojson")
    static let england = CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz")
    static let marmot = CLI.fixture("luton_marmot/")

    static let commands: [[String]] = [
        ["sii", "--input", CLI.fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
         "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl", "--upper-cl", "uppercl",
         "--rii", "--seed", "42", "--repetitions", "20000"],
        ["lisa", "--input", lutonValues, "--id", "lsoa11cd", "--value", "income_score",
         "--polygons", luton, "--id-property", "LSOA11CD", "--permutations", "999", "--seed", "7"],
        ["moran", "--input", lutonValues, "--id", "lsoa11cd", "--value", "income_score",
         "--polygons", luton, "--id-property", "LSOA11CD", "--permutations", "999", "--seed", "7"],
        ["geary", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME",
         "--permutations", "999", "--seed", "7"],
        ["getis-ord", "--polygons", columbus, "--id-property", "POLYID", "--value-property", "CRIME",
         "--local", "--star", "--permutations", "999", "--seed", "7"],
        ["gini", "--input", england, "--value", "income_score", "--group-by", "lad19nm", "--bootstrap", "500", "--seed", "3"],
        ["weights", "--polygons", luton, "--id-property", "LSOA11CD"],
        ["trend", "--input", marmot + "data.csv", "--indicators", marmot + "indicators.csv", "--area", "E06000032", "--apc"],
    ]

    @Test(arguments: commands)
    func sameOutputOnOneAndFourThreads(_ arguments: [String]) throws {
        let one = try CLI.run(arguments, environment: ["EQUITY_THREADS": "1"])
        let four = try CLI.run(arguments, environment: ["EQUITY_THREADS": "4"])
        #expect(one.status == 0, "\(arguments[0]): \(one.stderr)")
        #expect(four.status == 0, "\(arguments[0]): \(four.stderr)")
        #expect(one.lines.count > 1, "\(arguments[0]) wrote no rows")
        #expect(one.stdout == four.stdout, "\(arguments[0]) differs between 1 and 4 threads")
    }
}
