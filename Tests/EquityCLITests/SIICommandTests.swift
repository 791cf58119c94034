import Foundation
import Testing
import EquityTestSupport

/// `equity sii` end to end: columns, values against the reference, errors.
@Suite struct SIICommandTests {
    @Test func siiSameSeedSameOutputAnyThreadCount() throws {
        let args = ["sii", "--input", CLI.fixture("sii_deciles.csv"), "--group-by", "area", "--quantile-column", "decile",
                    "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl", "--upper-cl", "uppercl",
                    "--rii", "--seed", "42", "--repetitions", "20000"]
        let a = try CLI.run(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect((try a.line(0)) == "area,sii,sii_lower95_0cl,sii_upper95_0cl,rii,rii_lower95_0cl,rii_upper95_0cl,intercept,note")
        #expect(a.lines.count == 4)
        let b = try CLI.run(args)
        #expect(a.stdout == b.stdout)
        #expect(try CLI.run(["sii", "--help"]).stdout.contains("Example:"))
    }

    @Test func siiTooFewQuantilesIsAnError() throws {
        let path = try CLI.temporaryFile("q,pop,v,se\n1,10,5,1\n2,10,6,1\n3,10,7,1\n")
        let r = try CLI.run(["sii", "--input", path, "--quantile-column", "q", "--population", "pop", "--value", "v", "--se", "se"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("5 to 100 quantiles"))
    }

    @Test func severalAreasWithoutGroupBySaysSo() throws {
        // Three areas' deciles without --group-by: the message names the cure (it read "group  has …").
        let r = try CLI.run(["sii", "--input", CLI.fixture("sii_deciles.csv"), "--quantile-column", "decile",
                             "--population", "population", "--value", "life_expectancy", "--lower-cl", "lowercl", "--upper-cl", "uppercl"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the table has 30 rows for 10 quantiles; give --group-by for several areas, or --covariates"), "\(r.stderr)")
    }
}
