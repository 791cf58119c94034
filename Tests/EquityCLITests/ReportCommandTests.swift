import Foundation
import Testing
import EquityTestSupport

/// `equity report` end to end: columns, values against the reference, errors.
@Suite struct ReportCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--data", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    @Test func reportWritesThreeFiles() throws {
        let out = ((try CLI.temporaryFile("x")) as NSString).deletingLastPathComponent + "/report"
        let r = try CLI.run(["report"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("http"))
        #expect(html.contains("background:#d73027"))
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("| Life expectancy, male (years) | 2020-22 | 77 |"))
        #expect(try String(contentsOfFile: out + "/report.csv", encoding: .utf8).split(separator: "\n").count == 20)
    }
}
