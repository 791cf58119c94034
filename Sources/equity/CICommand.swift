import ArgumentParser
import Equity

struct CICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Confidence intervals for public-health indicators (PHEindicatormethods methods).",
        discussion: """
        Output columns: the input's columns (or, when grouped, the group columns and summed
        inputs), then value, lowercl, uppercl for one level — lower95_0cl, upper95_0cl,
        lower99_8cl, upper99_8cl for 0.95 and 0.998 — then confidence, statistic, method, note.
        """,
        subcommands: [
            CIProportionCommand.self, CIRateCommand.self, CIDSRCommand.self, CIISRCommand.self,
            CIMeanCommand.self, CILifeExpectancyCommand.self, CIQuantileCommand.self,
        ]
    )
}

/// Options every `equity ci` command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Input CSV file with a header row ('-' for standard input).")
    var input: String

    @Option(name: .long, help: "Output CSV file (default: standard output). Written atomically.")
    var output: String?

    @Option(name: .long, parsing: .unconditional, help: "Confidence level(s), comma-separated, e.g. 0.95,0.998 (or 95,99.8).")
    var confidence: String = "0.95"

    @OptionGroup var inputLimits: LimitOptions

    func levels() throws -> ConfidenceLevels { try ConfidenceLevels(parsing: confidence) }
}

/// Splits a `--group-by a,b` list.
func columnList(_ text: String?) -> [String] {
    guard let text, !text.isEmpty else { return [] }
    return text.split(separator: ",").map { String($0).trimmingCharacters() }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
