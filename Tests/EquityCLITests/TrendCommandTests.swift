import Foundation
import Testing
import EquityTestSupport

/// `equity trend` end to end: columns, values against the reference, errors.
@Suite struct TrendCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--input", dir + "data.csv", "--indicators", dir + "indicators.csv"]

    @Test func trendLabels() throws {
        let r = try CLI.run(["trend"] + Self.files + ["--area", "E06000032"])
        #expect(r.status == 0)
        #expect((try r.line(0)) == "indicator_id,area_code,area_name,sex,age,category_type,category,trend,chi_squared,slope,points,method,latest_period,note")
        #expect(r.lines.count == 20)
        // Today's rule: no recent trend for life expectancy; three-year periods are not annual.
        #expect(r.lines.contains { $0.hasPrefix("le_m,E06000032,Luton,,,,,Cannot be calculated,") && $0.hasSuffix("this value type") })
        #expect(r.lines.contains { $0.hasPrefix("infant_mort,E06000032,Luton,,,,,Cannot be calculated,") && $0.hasSuffix("periods longer than a year") })
        #expect(r.lines.contains { $0.hasPrefix("smoking,E06000032,Luton,,,,,Increasing and getting worse,") && $0.contains(",5,weighted regression,2022,") })
        // The legacy rule (methods.md §4): χ² for trend on counts for proportions.
        let legacy = try CLI.run(["trend"] + Self.files + ["--area", "E06000032", "--trend-rule", "legacy"])
        #expect(legacy.lines.contains { $0.hasPrefix("smoking,E06000032,Luton,,,,,Increasing and getting worse,") && $0.contains(",chi-squared test for trend,") })
    }

    /// The export's pooled and quarterly periods are read as what they are.
    @Test func exportPeriods() throws {
        let data = try CLI.temporaryFile("""
            Indicator ID,Area Code,Area Name,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator
            1,A,Area,Persons,All ages,2013/14 - 17/18,10,9,11,"1,000","10,000"
            1,A,Area,Persons,All ages,2014/15 - 18/19,11,10,12,"1,100","10,000"
            1,A,Area,Persons,All ages,2015/16 - 19/20,12,11,13,"1,200","10,000"
            2,A,Area,Persons,All ages,2022/23 Q1,10,9,11,100,1000
            2,A,Area,Persons,All ages,2022/23 Q2,11,10,12,110,1000

            """, name: "export.csv")
        let meta = try CLI.temporaryFile("indicator_id,polarity,value_type\n1,high_is_good,proportion\n2,high_is_good,proportion\n", name: "meta.csv")
        let r = try CLI.run(["trend", "--input", data, "--indicators", meta, "--trend-rule", "legacy"])
        #expect(r.status == 0, "\(r.stderr)")
        // Three overlapping five-year periods: one non-overlapping point, not "2 valid points".
        #expect(r.lines.contains { $0.hasPrefix("1,A,Area,Persons,All ages,,,Cannot be calculated,,,1,") })
        #expect(r.lines.contains { $0.hasPrefix("2,A,Area,Persons,All ages,,,Cannot be calculated,") && $0.contains(",2022/23 Q2,") })
    }

    @Test func apcColumns() throws {
        let r = try CLI.run(["trend"] + Self.files + ["--area", "E06000032", "--apc"])
        #expect(r.status == 0)
        #expect((try r.line(0)).hasSuffix(",note,apc,apc_lower95_0cl,apc_upper95_0cl,apc_points,apc_model"))
        let smoking = try #require(r.lines.first { $0.hasPrefix("smoking,") })
        #expect(smoking.hasSuffix(",5,logistic"))
    }
}
