import Foundation
import Testing
import EquityTestSupport

/// `equity deprivation-sii`: one command from LSOA rows to the SII, each step's table written.
@Suite struct DeprivationSIICommandTests {
    @Test func lutonInNationalDeciles() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["deprivation-sii", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"),
                             "--code", "lsoa11cd", "--score", "income_score", "--population", "pop_mid2015", "--count", "income_deprived",
                             "--statistic", "proportion", "--per", "100", "--rii", "--repetitions", "10000",
                             "--reference", CLI.fixture("deprivation/england_lsoa11_iod2019.csv.gz"),
                             "--areas-output", dir + "/areas.csv", "--quantiles-output", dir + "/quantiles.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try r.line(0) == "sii,sii_lower95_0cl,sii_upper95_0cl,rii,rii_lower95_0cl,rii_upper95_0cl,intercept,note")
        let quantiles = try Fixtures.table(dir + "/quantiles.csv")
        // Sums per national decile from pandas (see DeprivationQuantilesTests.smallAreaPipeline).
        #expect(quantiles.doubles("count") == [4838, 10296, 6693, 4969, 1835, 2247, 893, 675, 647, 46])
        #expect(quantiles.column("method").allSatisfy { $0 == "Wilson" })
        #expect(quantiles.column("statistic").first == "percentage")
        let areas = try Fixtures.table(dir + "/areas.csv")
        #expect(areas.column("lsoa11cd").count == 121)
        #expect(areas.column("quantile").first == "9")
    }

    @Test func localDecilesPerGroupAndErrors() throws {
        // Two groups (years), rates, quantiles within each group.
        var csv = "year,code,score,pop,deaths\n"
        for y in [2020, 2021] { for i in 1...20 { csv += "\(y),A\(i),\(i),1000,\(i + y - 2015)\n" } }
        let path = try CLI.temporaryFile(csv)
        let r = try CLI.run(["deprivation-sii", "--input", path, "--code", "code", "--score", "score", "--population", "pop",
                             "--count", "deaths", "--group-by", "year", "--repetitions", "1000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 3)
        // A duplicate area and a missing reference code name the row.
        let dup = try CLI.temporaryFile("code,score,pop,deaths\nA,1,10,1\nA,1,10,1\n")
        let d = try CLI.run(["deprivation-sii", "--input", dup, "--code", "code", "--score", "score", "--population", "pop", "--count", "deaths"])
        #expect(d.status == 1 && d.stderr.contains(":3:") && d.stderr.contains("appears twice"), "\(d.stderr)")
        let ref = try CLI.temporaryFile("code,score,pop\nB,1,10\n", name: "ref.csv")
        let m = try CLI.run(["deprivation-sii", "--input", path, "--code", "code", "--score", "score", "--population", "pop",
                             "--count", "deaths", "--group-by", "year", "--reference", ref])
        #expect(m.status == 1 && m.stderr.contains("not in the reference file"), "\(m.stderr)")
    }
}
