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
        #expect(le == "0 Life expectancy,le_m,\"Life expectancy, male\",years,2020-22,77,78.9,79.8,11 of 16,R,R,R,2018-20,78.1,R,R,R,Cannot be calculated")
        // JSON: one object per line of the report.
        let json = Self.text(report.csv(format: .json))
        #expect(json.hasPrefix("["))
        #expect(json.components(separatedBy: "\"indicator_id\":").count - 1 == report.lines.count)
    }

    @Test func markdownTable() throws {
        let md = try Self.luton().markdown(title: "Luton")
        #expect(md.hasPrefix("# Luton\n"))
        #expect(md.contains("| Life expectancy, male (years) | 2020-22 | 77 | 78.9 | 79.8 | 11 of 16 | R |"))
        let awkward = try Self.awkward().markdown(title: "A | B")
        #expect(awkward.hasPrefix("# A \\| B\n"))
        // The pipe in the name is escaped, so every table row has exactly 12 cells (13 unescaped pipes).
        let rows = awkward.split(separator: "\n").filter { $0.hasPrefix("| Share") }
        #expect(rows.count == 2)
        for row in rows {
            let unescaped = row.enumerated().filter { i, c in c == "|" && (i == 0 || row[row.index(row.startIndex, offsetBy: i - 1)] != "\\") }
            #expect(unescaped.count == 13, "\(row)")
        }
        #expect(rows.contains { $0.hasPrefix("| Share \\| of \"people\" <5 – Female (%)") })
    }

    @Test func htmlPage() throws {
        let html = try Self.luton().html(title: "Luton & friends")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Luton &amp; friends</title>"))
        #expect(!html.contains("<script") && !html.contains("http"))
        // One row per group heading and per line.
        let report = try Self.luton()
        #expect(html.components(separatedBy: "<tr class=\"group\">").count - 1 == report.groups.count)
        #expect(html.components(separatedBy: "<tr><td class=\"name\">").count - 1 == report.lines.count)
        // RAG cells carry the Fingertips label as a tooltip.
        #expect(html.contains("style=\"background:#d73027;color:#fff\" title=\"Worse\">R</td>"))

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
        // Missing comparators render as "–" (grey), never as an empty or NaN cell.
        let html = report.html(title: "t")
        #expect(html.contains("title=\"no comparator\">–</td>"))
        #expect(!html.lowercased().contains("nan"))
    }
}
