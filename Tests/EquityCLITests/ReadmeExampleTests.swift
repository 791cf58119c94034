import Foundation
import Testing
import EquityTestSupport

/// The README shows real output: every `$ ` command of its ```console blocks is run (from a
/// scratch folder that links `Fixtures/`, with this build's `equity` first on PATH, standard error
/// merged as a terminal shows it) and must print exactly the lines shown under it. The Consumer
/// example (`cd Examples/Consumer …`) is built and run by `.ci/run` instead.
@Suite struct ReadmeExampleTests {
    struct Example: CustomStringConvertible {
        var command: String
        var expected: [String]
        var description: String { String(command.prefix(70)) }
    }

    static func examples() throws -> [Example] {
        let text = try String(contentsOfFile: Fixtures.packageRoot + "/README.md", encoding: .utf8)
        var out: [Example] = []
        for part in text.components(separatedBy: "```console\n").dropFirst() {
            guard let block = part.components(separatedBy: "\n```").first else { continue }
            for line in block.components(separatedBy: "\n") {
                if line.hasPrefix("$ ") {
                    out.append(Example(command: String(line.dropFirst(2)), expected: []))
                } else if !out.isEmpty {
                    out[out.count - 1].expected.append(line)
                }
            }
        }
        return out.filter { !$0.command.hasPrefix("cd ") }
    }

    @Test func everyExamplePrintsWhatTheReadmeShows() throws {
        let examples = try Self.examples()
        #expect(examples.count == 37)
        let work = try CLI.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: work + "/Fixtures", withDestinationPath: Fixtures.packageRoot + "/Fixtures")
        let bin = (CLI.binary as NSString).deletingLastPathComponent
        for example in examples {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "{ \(example.command) ; } 2>&1"]
            p.currentDirectoryURL = URL(fileURLWithPath: work)
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            p.environment = environment
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
            while lines.last == "" { lines.removeLast() }
            #expect(lines == example.expected, "README: $ \(example.command)")
        }
    }
}
