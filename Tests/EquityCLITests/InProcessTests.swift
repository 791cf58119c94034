import Equity
import EquityCommands
import EquityTestSupport
import Testing

/// Commands run in-process (the C ABI's road) print what the executable prints, and report
/// errors with its message and exit status instead of exiting.
@Suite(.serialized) struct InProcessTests {
    @Test func sameOutputAsTheExecutable() throws {
        defer { MemoryFiles.remove(["equity-memory:in-process"]) }
        let args = ["ci", "proportion", "--input", CLI.fixture("ward_indicators.csv"), "--numerator", "smokers", "--denominator", "adults",
                    "--group-by", "ward_code", "--confidence", "0.95,0.998"]
        try MemoryFiles.registerOutput("equity-memory:in-process")
        let outcome = InProcess.run(args + ["--output", "equity-memory:in-process"])
        #expect(outcome.status == 0 && outcome.messages.isEmpty)
        let bytes = try MemoryFiles.takeOutput("equity-memory:in-process")
        let run = try CLI.run(args)
        #expect(String(decoding: bytes, as: UTF8.self) == run.stdout)
    }

    @Test func errorsAreCollectedWithTheirStatus() throws {
        let bad = InProcess.run(["ci", "proportion", "--input", CLI.fixture("ward_indicators.csv"), "--numerator", "smoker", "--denominator", "adults"])
        let cli = try CLI.run(["ci", "proportion", "--input", CLI.fixture("ward_indicators.csv"), "--numerator", "smoker", "--denominator", "adults"])
        #expect(bad.status == 1 && cli.status == 1)
        #expect(bad.messages == cli.stderr)
        // A usage error: the same status and text as the executable (ArgumentParser's message and help).
        let usage = InProcess.run(["ci", "proportion", "--bogus"])
        let cliUsage = try CLI.run(["ci", "proportion", "--bogus"])
        #expect(usage.status == 64 && cliUsage.status == 64)
        #expect(usage.messages == cliUsage.stderr && usage.messages.contains("--input"))
    }
}
