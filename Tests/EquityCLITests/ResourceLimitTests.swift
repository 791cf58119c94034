import Foundation
import Testing
import EquityTestSupport

/// Issue 9, item 3: sizes that used to overflow or crash are refused with a usage error.
@Suite struct ResourceLimitTests {
    static let columbus = CLI.fixture("boundaries/columbus.geojson")

    /// --permutations 2^63 − 1 crashed on integer overflow.
    @Test(arguments: ["moran", "geary", "lisa"])
    func hugePermutationsAreRefused(command: String) throws {
        let r = try CLI.run([command, "--polygons", Self.columbus, "--id-property", "POLYID", "--value-property", "CRIME",
                                  "--permutations", "9223372036854775807"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--permutations must be from 0 to 10,000,000"))
    }

    /// --bootstrap 2^63 − 1 crashed on integer overflow.
    @Test func hugeBootstrapIsRefused() throws {
        let r = try CLI.run(["gini", "--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--value", "income_score",
                                  "--bootstrap", "9223372036854775807"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--bootstrap must be from 0"))
    }

    /// sii --repetitions 0 crashed; values below PHE's documented minimum of 1,000 were accepted.
    @Test(arguments: ["0", "999", "10000001"])
    func siiRepetitionsOutOfRange(repetitions: String) throws {
        let r = try CLI.run(["sii", "--input", CLI.fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
                                  "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl",
                                  "--upper-cl", "uppercl", "--repetitions", repetitions])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--repetitions must be from 1,000"))
    }

    /// Age labels of 2^63 and more crashed `ci dsr`, `ci life-expectancy` and `--age-contents`.
    @Test func hugeAgeLabelsAreErrors() throws {
        let input = try CLI.temporaryFile("area,ageband,deaths,population\nA,9223372036854775808,1,100\n")
        let dsr = try CLI.run(["ci", "dsr", "--input", input, "--group-by", "area", "--numerator", "deaths",
                                    "--denominator", "population", "--age-band", "ageband"])
        #expect(dsr.status == 1)
        #expect(dsr.stderr.contains(":2:2: age band '9223372036854775808' is not an ESP 2013 band"))
        let le = try CLI.run(["ci", "life-expectancy", "--input", input, "--group-by", "area", "--deaths", "deaths",
                                   "--population", "population", "--start-age", "ageband"])
        #expect(le.status == 1)
        #expect(le.stderr.contains(":2:2: age band '9223372036854775808' does not start"))
        let contents = try CLI.run(["ci", "life-expectancy", "--input", input, "--group-by", "area", "--deaths", "deaths",
                                         "--population", "population", "--start-age", "ageband", "--age-contents", "0,99999999999999999999"])
        #expect(contents.status == 64) // a usage error now: checked before any reading
        #expect(contents.stderr.contains("is not an age"))
    }
}
