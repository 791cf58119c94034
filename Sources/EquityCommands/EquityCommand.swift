import ArgumentParser
import Equity
#if canImport(Glibc)
import Glibc
#endif

/// The `equity` command: its subcommands, and `main()` for the executable.
public struct EquityCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "equity",
        abstract: "Health-inequality statistics that agree with PHEindicatormethods, spdep and PySAL.",
        discussion: """
        Reads CSV (RFC 4180, a header row; .gz too; '-' is standard input) and
        GeoJSON; writes CSV or JSON (--format) to standard output or --output
        PATH, whole or not at all. The same flag means the same thing in every
        command: --input, --output, --format, --confidence, --group-by,
        --seed, --permutations.

        Exit status: 0 success; 1 bad data or a file that cannot be read or
        written (one line 'FILE:LINE:COLUMN: what is wrong' on stderr);
        64 a usage error (an unknown option or a value out of range);
        141, silently, when the reader of standard output goes away (| head).

        Example:
          equity ci proportion --input Fixtures/ward_indicators.csv \\
            --numerator smokers --denominator adults --confidence 0.95,0.998
        """,
        version: EquityVersion.string,
        subcommands: [CICommand.self, FunnelCommand.self, SIICommand.self, GiniCommand.self, TwentyTwentyCommand.self,
                      WeightsCommand.self, MoranCommand.self, LISACommand.self, GearyCommand.self, GetisOrdCommand.self,
                      CompareCommand.self, TrendCommand.self, ReportCommand.self, DeprivationSIICommand.self, EBCommand.self,
                      AggregateCommand.self, LookupCommand.self, MapCommand.self, JoinCountCommand.self, LeeCommand.self, NeighbourMatchCommand.self]
    )

    /// Writes to a closed pipe report an error (EPIPE) instead of killing the process, and
    /// interrupted runs remove their temporary files.
    public static func main() {
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.installHandlers()
        main(nil)
    }

    /// A command with no options (the subcommands carry them).
    public init() {}
}

/// Runs a command body, turning Equity's errors into one line on stderr and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch EquityError.closedPipe {
        // `equity … | head`: the reader has what it wanted; end as SIGPIPE would, silently.
        throw ExitCode(141)
    } catch let error as EquityError {
        var message = error.description
        switch error {
        case .limitExceeded: message += "; if the input is genuine, raise the limit with --max-inflated-size"
        case .undeclaredIslands: message += " (--allow-islands)"
        default: break
        }
        writeStderr(message + "\n")
        throw ExitCode(1)
    } catch let issue as RowIssue {
        writeStderr(issue.reason + "\n")
        throw ExitCode(1)
    }
}

func writeStderr(_ text: String) {
    if InProcess.captureMessage(text) { return }
    var text = text
    text.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
}
