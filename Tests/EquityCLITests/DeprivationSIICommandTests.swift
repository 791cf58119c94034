import Foundation
import Testing
import EquityTestSupport
import Equity

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

/// `deprivation-sii --statistic dsr`: ten areas × 19 ESP 2013 bands into quintiles of two areas
/// each; every quintile's DSR equals the library's Dobson DSR of the two areas' summed bands.
@Suite struct DeprivationSIIDSRTests {
    static let bands = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
                        "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]

    @Test func quintileDSRsAndSII() throws {
        var csv = "code,score,band,pop,deaths\n"
        var deaths: [[Double]] = [], pops: [[Double]] = []
        for a in 0..<10 {
            var d: [Double] = [], p: [Double] = []
            for (b, band) in Self.bands.enumerated() {
                let pop = Double(500 + 10 * b + a), x = Double((a + 1) * (b + 1) % 17 + b)
                csv += "A\(a),\(10 - a),\(band),\(Int(pop)),\(Int(x))\n"
                d.append(x); p.append(pop)
            }
            deaths.append(d); pops.append(p)
        }
        let path = try CLI.temporaryFile(csv)
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["deprivation-sii", "--input", path, "--code", "code", "--score", "score", "--population", "pop", "--count", "deaths",
                             "--statistic", "dsr", "--age-band", "band", "--quantiles", "5", "--repetitions", "1000",
                             "--quantiles-output", dir + "/q.csv", "--areas-output", dir + "/a.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let q = try Fixtures.table(dir + "/q.csv")
        #expect(q.column("method").allSatisfy { $0 == "Dobson" } && q.column("statistic").first == "dsr per 100000")
        #expect(q.column("areas") == ["2", "2", "2", "2", "2"])
        // Quintile k (1 = most deprived = highest score) holds areas 2(k−1) and 2(k−1)+1.
        let dsr = DirectlyStandardisedRate()
        for k in 0..<5 {
            let bands = (0..<19).map { b in
                DirectlyStandardisedRate.Band(events: deaths[2 * k][b] + deaths[2 * k + 1][b], population: pops[2 * k][b] + pops[2 * k + 1][b],
                                              standard: StandardPopulation.esp2013[b])
            }
            let want = dsr.compute(bands).interval
            #expect(close(q.doubles("value")[k], want.value, relative: 1e-12))
            #expect(close(q.doubles("lowercl")[k], want.lower[0], relative: 1e-12))
        }
        // An unknown band names its row.
        let bad = try CLI.temporaryFile("code,score,band,pop,deaths\nA,1,3-7,10,1\n")
        let e = try CLI.run(["deprivation-sii", "--input", bad, "--code", "code", "--score", "score", "--population", "pop", "--count", "deaths",
                             "--statistic", "dsr", "--age-band", "band"])
        #expect(e.status == 1 && e.stderr.contains(":2:") && e.stderr.contains("ESP 2013"), "\(e.stderr)")
    }
}
