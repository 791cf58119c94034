import Foundation
import Testing
import EquityTestSupport

/// `equity report` end to end: every file of the set, the workbook read back by openpyxl,
/// all-or-nothing output and errors.
@Suite struct ReportCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--input", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    static func output() throws -> String { try CLI.temporaryDirectory() + "/report" }

    @Test func reportWritesEveryFile() throws {
        let out = try Self.output()
        let r = try CLI.run(["report"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032", "--output-dir", out])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        for name in ["report.csv", "report.html", "report.md", "report.xlsx", "report_long.csv", "chart_spine.svg", "chart_trend_01_le_m.svg"] {
            #expect(names.contains(name), "\(name) in \(names)")
        }
        #expect(names.filter { $0.hasPrefix("chart_trend_") }.count == 17)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link") && !html.contains("@import"))
        #expect(html.contains("<caption>") && html.contains("<thead>") && html.contains("scope=\"row\""))
        #expect(html.contains("style=\"background:#D55E00;color:#000000\" title=\"England: 78.9\">Worse</td>"))
        #expect(html.contains("Contains public sector information licensed under the Open Government Licence v3.0."))
        let md = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(md.contains("| Life expectancy, male (years) | 2020-22 | 77.0 (76.3–77.7) | 78.9 | 79.8 | 79.8 | Worse | Worse | Worse | 11th of 16 | 2018-20: 78.1 | Significantly worse |"))
        #expect(try String(contentsOfFile: out + "/report.csv", encoding: .utf8).split(separator: "\n").count == 20)
        let spine = try String(contentsOfFile: out + "/chart_spine.svg", encoding: .utf8)
        #expect(spine.hasPrefix("<?xml") && spine.contains("Open Government Licence"))
    }

    /// `--palette fingertips` swaps the Okabe–Ito fills for the GOV.UK ones (words unchanged, text
    /// colour chosen for contrast: white on red), in the HTML and the spine chart alike.
    @Test func paletteOption() throws {
        let out = try Self.output()
        let r = try CLI.run(["report"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032",
                                                       "--output-dir", out, "--format", "html,svg", "--palette", "fingertips"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("style=\"background:#D4351C;color:#ffffff\" title=\"England: 78.9\">Worse</td>"))
        #expect(!html.contains("#D55E00"))
        let bad = try CLI.run(["report"] + Self.files + ["--area", "E06000032", "--output-dir", out + "x", "--palette", "rainbow"])
        #expect(bad.status != 0 && bad.stderr.contains("colour-blind-safe"))
    }

    /// The workbook opens in openpyxl (Debian's python3-openpyxl, installed by .ci/setup) with
    /// its two sheets, the title, the table and the comparison fills.
    @Test func workbookReadsBack() throws {
        let out = try Self.output()
        let r = try CLI.run(["report"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032",
                                                       "--output-dir", out, "--format", "xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        let script = """
        import openpyxl, sys
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["Report"]
        print(wb.sheetnames)
        print(ws["A1"].value)
        row = [c.value for c in ws[5]]
        print(row[0], row[2], row[3], row[12], ws.cell(5, 13).fill.fgColor.rgb)
        print(ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation)
        print(wb["Data"].max_row)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, out + "/report.xlsx"]
        let pipe = Pipe(), err = Pipe()
        p.standardOutput = pipe
        p.standardError = err
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        #expect(text == """
        ['Report', 'Data']
        Luton indicators
        Life expectancy, male 2020-22 77 Worse FFD55E00
        B4 $3:$3 landscape
        109

        """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["report.xlsx"])
    }

    @Test func errorsLeaveNothing() throws {
        let out = try Self.output()
        var r = try CLI.run(["report"] + Self.files + ["--area", "E99999999", "--output-dir", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("area 'E99999999' has no rows"))
        #expect(!FileManager.default.fileExists(atPath: out))
        r = try CLI.run(["report"] + Self.files + ["--area", "E06000032", "--output-dir", "-"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("give a directory, not standard output"))
        r = try CLI.run(["report"] + Self.files + ["--area", "E06000032", "--output-dir", out, "--format", "pdf"])
        #expect(r.status == 64)
    }
}
