import Foundation
import Testing
import EquityTestSupport

/// `equity compare` end to end: columns, values against the reference, errors.
@Suite struct CompareCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--data", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    @Test func compareColumnsAndRows() throws {
        let r = try CLI.run(["compare"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = (try r.line(0)).split(separator: ",").map(String.init)
        for column in ["indicator_id", "area_code", "period", "comparator", "comparator_code", "comparator_value", "comparison", "rag", "rank", "rank_of", "note"] {
            #expect(header.contains(column), "\(column)")
        }
        // Life expectancy, male, 2020-22: 77.0 (76.3–77.7) against England 78.9 → Worse, R.
        #expect(r.lines.contains { $0.hasPrefix("le_m,E06000032,Luton,,,2020-22,77,76.3,77.7,england,E92000001,78.9,Worse,R,") })
        #expect(r.lines.contains { $0.contains(",neighbours,15 neighbours,") && $0.contains(",11,16,") })
    }

    @Test func unknownIndicatorAndMissingColumn() throws {
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,lowercl,uppercl\nle_m,A,2020,1,0.5,1.5\nnope,A,2021,1,0.5,1.5\n")
        var r = try CLI.run(["trend", "--data", data, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(data):3:1: unknown indicator_id 'nope' (not in the indicators file)\n")
        let noPeriod = try CLI.temporaryFile("indicator_id,area_code,year,value\nle_m,A,2020,1\n")
        r = try CLI.run(["trend", "--data", noPeriod, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(noPeriod):1:1: unknown column 'period'"))
        let badPolarity = try CLI.temporaryFile("indicator_id,name,value_type,multiplier,polarity,benchmark\nx,X,proportion,100,sideways,ci95\n")
        r = try CLI.run(["trend", "--data", data, "--indicators", badPolarity])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(badPolarity):2:5: polarity 'sideways'"))
    }
}
