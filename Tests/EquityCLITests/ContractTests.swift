import Foundation
import Testing
import EquityTestSupport

/// The CLI contract every command shares: one-line FILE:LINE:COLUMN errors, exit status 1, nothing written on failure, `--help` with an example.
@Suite struct ContractTests {
    static let dir = CLI.fixture("luton_marmot/")

    @Test func unknownColumnIsOneLineAndExitOne() throws {
        let path = try CLI.temporaryFile("a,b\n1,2\n")
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "b"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(path):1:1: unknown column 'x'; the header has: a, b\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func badValuesNameFileLineColumn() throws {
        let path = try CLI.temporaryFile("id,x,n\nA,1,10\nB,abc,10\n")
        var r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(path):3:2: 'abc' in column 'x' is not a number\n")
        let p2 = try CLI.temporaryFile("id,x,n\nA,1,10\nB,11,10\n")
        r = try CLI.run(["ci", "proportion", "--input", p2, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p2):3:2: numerator 11 is greater than denominator 10"))
        let p3 = try CLI.temporaryFile("id,x,n\nA,-1,10\n")
        r = try CLI.run(["ci", "rate", "--input", p3, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p3):2:2: numerator -1 is negative"))
        let p4 = try CLI.temporaryFile("id,x,n\nA,1\n")
        r = try CLI.run(["ci", "rate", "--input", p4, "--numerator", "x", "--denominator", "n"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(p4):2:"))
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let path = try CLI.temporaryFile("id,x,n\nA,1,10\nB,oops,10\n")
        let target = (path as NSString).deletingLastPathComponent + "/out.csv"
        let r = try CLI.run(["ci", "proportion", "--input", path, "--numerator", "x", "--denominator", "n", "--output", target])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp") }.isEmpty)
        let ok = try CLI.run(["ci", "proportion", "--input", CLI.fixture("ward_indicators.csv"), "--numerator", "smokers",
                               "--denominator", "adults", "--output", target])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 22)
    }

    @Test(arguments: ["proportion", "rate", "dsr", "isr", "mean", "life-expectancy", "quantile"])
    func helpShowsAnExample(command: String) throws {
        let r = try CLI.run(["ci", command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example:"))
        #expect(r.stdout.contains("equity ci \(command)"))
    }
}
