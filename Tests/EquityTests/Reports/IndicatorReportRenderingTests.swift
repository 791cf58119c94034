import Foundation
import Testing
import Equity
import EquityTestSupport

/// The report's three renderings (CSV, Markdown, HTML): columns and cells for Luton, and text
/// that could break a table or a page (pipes, markup, quotes, line breaks) escaped.
@Suite struct IndicatorReportRenderingTests {
    static func luton() throws -> IndicatorReport {
        let dir = "luton_marmot/"
        let data = try IndicatorDataSet.load(data: Fixtures.path(dir + "data.csv"), indicators: Fixtures.path(dir + "indicators.csv"),
                                             comparators: Fixtures.path(dir + "comparators.csv"))
        return try IndicatorReport(analysis: IndicatorAnalysis(data), area: "E06000032")
    }

    /// An area named and an indicator described with characters that HTML and Markdown treat
    /// specially, two sexes of one indicator, one comparator (England).
    static func awkward() throws -> IndicatorReport {
        let data = try CLI.temporaryFile("""
            indicator_id,area_code,area_name,sex,period,count,denominator,value,lowercl,uppercl
            x,A1,"Tom & Jerry's <b>town</b>",Male,2021,,,40,38,42
            x,A1,"Tom & Jerry's <b>town</b>",Male,2022,,,45,43,47
            x,A1,"Tom & Jerry's <b>town</b>",Female,2022,,,50,48,52
            x,E92000001,England,Male,2022,,,50,49.9,50.1
            x,E92000001,England,Female,2022,,,50,49.9,50.1

            """, name: "data.csv")
        let indicators = try CLI.temporaryFile("""
            indicator_id,name,value_type,multiplier,polarity,benchmark,group,unit
            x,"Share | of ""people"" <5",proportion,100,high_is_good,ci95,"A&E <group>",%

            """, name: "indicators.csv")
        let comparators = try CLI.temporaryFile("area_code,comparator,comparator_code\nA1,england,E92000001\n", name: "comparators.csv")
        let set = try IndicatorDataSet.load(data: data, indicators: indicators, comparators: comparators)
        return try IndicatorReport(analysis: IndicatorAnalysis(set), area: "A1")
    }

    static func text(_ w: ByteWriter) -> String { w.text }

    @Test func csvColumnsAndCells() throws {
        let report = try Self.luton()
        let lines = Self.text(report.csv()).split(separator: "\n").map(String.init)
        #expect(lines.count == report.lines.count + 1)
        #expect(try #require(lines.first) == IndicatorReport.csvColumns.joined(separator: ","))
        let le = try #require(lines.first { $0.contains(",le_m,") })
        #expect(le == "0 Life expectancy,le_m,\"Life expectancy, male\",years,,,,,2020-22,77,76.3,77.7,,,78.9,79.8,79.76500000000001,11 of 16,Worse,Worse,Worse,R,R,R,2018-20,78.1,Significantly worse,Cannot be calculated,")
        // JSON: one object per line of the report.
        let json = Self.text(report.csv(format: .json))
        #expect(json.hasPrefix("["))
        #expect(json.components(separatedBy: "\"indicator_id\":").count - 1 == report.lines.count)
    }

    /// The tidy table: one row per series, period and comparator; display values at the
    /// indicator's decimals beside full precision.
    @Test func tidyTable() throws {
        let report = try Self.luton()
        let rows = Self.text(report.tidyCSV()).split(separator: "\n").map(String.init)
        #expect(try #require(rows.first) == IndicatorReport.tidyColumns.joined(separator: ","))
        let expected = report.lines.reduce(0) { $0 + max(1, $1.latest.benchmarks.count) + ($1.previous.map { max(1, $0.benchmarks.count) } ?? 0) }
        #expect(rows.count == expected + 1)
        #expect(rows.contains("le_m,\"Life expectancy, male\",years,high_is_good,0 Life expectancy,,,,,E06000032,Luton,2020-22,latest,77,77.0,76.3,77.7,,,neighbours,15 neighbours,15 neighbours,79.76500000000001,79.8,Worse,R,11,16,Significantly worse,Cannot be calculated,,"))
    }

    @Test func markdownTable() throws {
        let md = try Self.luton().markdown(title: "Luton")
        #expect(md.hasPrefix("# Luton\n"))
        #expect(md.contains("| Life expectancy, male (years) | 2020-22 | 77.0 (76.3–77.7) | 78.9 | 79.8 | 79.8 | Worse | Worse | Worse | 11th of 16 | 2018-20: 78.1 | Significantly worse | – Cannot be calculated |"))
        let awkward = try Self.awkward().markdown(title: "A | B")
        #expect(awkward.hasPrefix("# A \\| B\n"))
        // The pipe in the name is escaped, so every table row has exactly 13 cells (14 unescaped pipes).
        let rows = awkward.split(separator: "\n").filter { $0.hasPrefix("| Share") }
        #expect(rows.count == 2)
        for row in rows {
            let unescaped = row.enumerated().filter { i, c in c == "|" && (i == 0 || row[row.index(row.startIndex, offsetBy: i - 1)] != "\\") }
            #expect(unescaped.count == 14, "\(row)")
        }
        #expect(rows.contains { $0.hasPrefix("| Share \\| of \"people\" <5 – Female (%)") })
    }

    @Test func htmlPage() throws {
        let html = try Self.luton().html(title: "Luton & friends")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Luton &amp; friends</title>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
        // Accessible structure: caption, header rows with scopes, one row header per line, a row
        // group header per group.
        let report = try Self.luton()
        #expect(html.contains("<caption>") && html.contains("<thead>") && html.contains("scope=\"colgroup\""))
        #expect(html.components(separatedBy: "<th scope=\"rowgroup\"").count - 1 == report.groups.count)
        #expect(html.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == report.lines.count)
        // Comparison cells carry the word on its colour and the comparator as a tooltip.
        #expect(html.contains("style=\"background:#D55E00;color:#000000\" title=\"England: 78.9\">Worse</td>"))
        // Value with its interval and counts; rank; change; trend arrow; spine and trend charts.
        #expect(html.contains("<b>61.1</b><span class=\"ci\">(59.2–63.0)</span><span class=\"sub\">1,567 / 2,565</span>"))
        #expect(html.contains("Rank 11th of 16"))
        #expect(html.contains("Significantly worse"))
        #expect(html.contains("<span class=\"arrow\" aria-hidden=\"true\" style=\"background:#009E73;color:#000000\">↑</span> Increasing and getting better"))
        #expect(html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spine\"").count - 1 == report.lines.filter { $0.spine != nil }.count)
        #expect(html.components(separatedBy: "class=\"trend\" width=").count - 1 == 17)
        // Print and narrow screens.
        #expect(html.contains("@page{size:A4 landscape") && html.contains("thead{display:table-header-group}") && html.contains("@media (max-width:1100px)"))

        let awkward = try Self.awkward().html(title: "<t>")
        #expect(awkward.contains("<title>&lt;t&gt;</title>"))
        #expect(awkward.contains("Tom &amp; Jerry's &lt;b&gt;town&lt;/b&gt;"))
        #expect(awkward.contains("Share | of &quot;people&quot; &lt;5 – Male"))
        #expect(awkward.contains("A&amp;E &lt;group&gt;"))
        #expect(!awkward.contains("<b>town") && !awkward.contains("<group>"))
    }

    @Test func seriesBySexAndMissingComparators() throws {
        let report = try Self.awkward()
        #expect(report.lines.map(\.sex).sorted() == ["Female", "Male"])
        let male = try #require(report.lines.first { $0.sex == "Male" })
        #expect(male.latest.value == 45 && male.previous?.value == 40)
        #expect(male.latest[.england]?.outcome.result == .worse)
        #expect(male.latest[.region] == nil && male.latest.neighbourRankText == "")
        let female = try #require(report.lines.first { $0.sex == "Female" })
        #expect(female.previous == nil)
        #expect(female.latest[.england]?.outcome.result == .similar)
        // Missing comparators render as "–", never as an empty or NaN cell.
        let html = report.html(title: "t")
        #expect(html.contains("<td class=\"cmp none\">–</td>"))
        #expect(!html.lowercased().contains("nan"))
    }

    /// Every colour of both palettes carries text at WCAG 2.1 AA contrast (≥ 4.5:1).
    @Test func paletteContrast() {
        let results: [BenchmarkResult] = [.better, .similar, .worse, .higher, .lower, .better95, .better998, .worse95, .worse998,
                                           .highest, .lowest] + (1...5).map { .quintile($0) }
        var checked = 0
        for palette in ReportRendering.Palette.allCases {
            for r in results {
                guard let sw = palette.swatch(r) else { Issue.record("\(r) has no colour"); continue }
                #expect(ReportRendering.contrast(sw.fill, sw.text) >= 4.5, "\(palette) \(r): \(sw.fill) on \(sw.text)")
                checked += 1
            }
        }
        #expect(checked == 32)
        #expect(abs(ReportRendering.contrast("#ffffff", "#000000") - 21) < 1e-9)
    }

    @Test func numbersAndWords() {
        #expect(ReportRendering.fixed(77, decimals: 1) == "77.0")
        #expect(ReportRendering.fixed(1234567.891, decimals: 2) == "1,234,567.89")
        #expect(ReportRendering.fixed(-0.04, decimals: 1) == "0.0" || ReportRendering.fixed(-0.04, decimals: 1) == "−0.0")
        #expect(ReportRendering.fixed(.nan, decimals: 1) == "–")
        #expect(ReportRendering.count(1480) == "1,480")
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ReportRendering.ordinal) == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"])
    }
}
