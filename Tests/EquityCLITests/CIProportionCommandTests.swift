import Foundation
import Testing
import EquityTestSupport

/// `equity ci proportion` end to end: columns, values against the reference, errors.
@Suite struct CIProportionCommandTests {
    @Test func proportionTwoLevelsColumnsAndValues() throws {
        let path = try CLI.temporaryFile("area,x,n\nA,81,100\nB,,50\n\"C, quoted\",0,20\n")
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n", "--confidence", "0.95,0.998"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "area,x,n,value,lower95_0cl,upper95_0cl,lower99_8cl,upper99_8cl,confidence,statistic,method,note")
        // methods.md worked value: Wilson 81/100.
        #expect((try r.line(1)).hasPrefix("A,81,100,0.81,0.72221154620"))
        #expect((try r.line(1)).hasSuffix(",\"95%, 99.8%\",proportion of 1,Wilson,"))
        #expect((try r.line(2)) == "B,,50,,,,,,\"95%, 99.8%\",proportion of 1,Wilson,numerator missing")
        #expect((try r.line(3)).hasPrefix("\"C, quoted\",0,20,0,0,"))
        #expect(r.lines.count == 4)
    }

    @Test func groupedProportionsMatchPHEWorkbook() throws {
        // PHE testdata_Prop_g: the Prop workbook's rows twice over, grouped by area.
        let source = try String(contentsOfFile: CLI.fixture("phe/testdata_Proportion__testdata_Prop.csv"), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        let header = "Area,Numerator,Denominator"
        lines = lines.dropFirst().filter { $0.hasSuffix(",1") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
        let doubled = ([header] + lines + lines).joined(separator: "\n") + "\n"
        let path = try CLI.temporaryFile(doubled)
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "Numerator", "--denominator", "Denominator", "--group-by", "Area"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOfFile: CLI.fixture("phe/testdata_Proportion__testdata_Prop_g.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(r.lines.count == expected.count + 1)
        for (got, want) in zip(r.lines.dropFirst(), expected) {
            let g = got.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(g.count > 5 && want.count > 5, "\(got)")
            #expect(g[0] == want[0])
            for k in 3...5 {
                if want[k].isEmpty { #expect(g[k].isEmpty) } else {
                    let a = try number(g[k]), b = try number(want[k])
                    #expect(abs(a - b) <= 1e-9 * abs(b), "\(want[0]) col \(k)")
                }
            }
        }
    }
}
