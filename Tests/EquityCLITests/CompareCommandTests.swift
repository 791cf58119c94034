import Foundation
import Testing
import EquityTestSupport

/// `equity compare` end to end: columns, values against the reference, a Fingertips export as
/// downloaded, errors and warnings.
@Suite struct CompareCommandTests {
    static let dir = CLI.fixture("luton_marmot/")
    static let files = ["--input", dir + "data.csv", "--indicators", dir + "indicators.csv"]
    static let export = CLI.fixture("fingertips/luton_marmot_export.csv")
    static let metadata = CLI.fixture("fingertips/luton_marmot_metadata.csv")

    @Test func compareColumnsAndRows() throws {
        let r = try CLI.run(["compare"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try r.line(0) == "indicator_id,area_code,area_name,sex,age,category_type,category,period,value,lowercl,uppercl,count,denominator,comparator,comparator_code,comparator_name,comparator_value,comparison,rag,rank,rank_of,previous_period,previous_value,change_since_previous,change,change_lower95,change_upper95,published,agrees,note")
        // Life expectancy, male, 2020-22: 77.0 (76.3–77.7) against England 78.9 → Worse, R; the
        // change from 78.1 (77.4–78.8) is −1.1 with 95% interval (−2.09, −0.11): significantly worse.
        let le = try #require(r.lines.first { $0.hasPrefix("le_m,E06000032,Luton,,,,,2020-22,77,76.3,77.7,,,england,E92000001,England,78.9,Worse,R,") })
        #expect(le.contains(",2018-20,78.1,Significantly worse,"))
        #expect(r.lines.contains { $0.contains(",neighbours,15 neighbours,15 neighbours,") && $0.contains(",11,16,") })
        // The older overlap test and the fingertipsR spelling.
        let old = try CLI.run(["compare"] + Self.files + ["--comparators", Self.dir + "comparators.csv", "--area", "E06000032",
                                                          "--change-test", "overlap", "--labels", "fingertipsR"])
        let leOld = try #require(old.lines.first { $0.hasPrefix("le_m,E06000032,Luton,,,,,2020-22,") && $0.contains(",england,") })
        #expect(leOld.contains(",Worse,R,") && leOld.contains(",Comparable,"))
        #expect(old.lines.contains { $0.contains(",Same,A,") })
    }

    /// A Fingertips export as downloaded runs with no renaming: England and each area's region
    /// come from the export, published labels are checked, a code with a trailing space is
    /// trimmed (with a note and a warning). Of the 2,475 published labels, 2,469 agree; the six
    /// that do not are the Luton BI team's published ratings on rows whose limits in this fixture
    /// are illustrative (see Fixtures/README.md).
    @Test func fingertipsExportAsDownloaded() throws {
        let r = try CLI.run(["compare", "--input", Self.export, "--indicators", Self.metadata, "--comparators", Self.dir + "comparators.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("published labels: 2469 of 2475 agree"))
        #expect(r.stderr.contains("spaces trimmed from codes in 1 row"))
        let disagreeing = r.lines.filter { $0.contains(",no,") }
        #expect(disagreeing.count == 6)
        #expect(disagreeing.allSatisfy { $0.contains(",E06000032,Luton,") })
        // The region comparator comes from Parent Code; a value published without limits is not compared.
        #expect(r.lines.contains { $0.hasPrefix("90366,E06000032,Luton,Male,All ages,,,2018 - 20,78.1,77.4,78.8,,,region,E12000006,East of England,80.2,Worse,R,") })
        #expect(r.lines.contains { $0.contains(",E12000006,East of England,") && $0.contains("Not compared") && $0.contains("no 95% confidence interval") })
        // Counts with thousands separators are read as numbers.
        #expect(r.lines.contains { $0.hasPrefix("93001,E06000032,Luton,Persons,All ages,,,2018/19,54.23865006026517,") && $0.contains(",1350,2489,") })
        // Category rows are their own series, compared with England's same category if any.
        #expect(r.lines.contains { $0.contains(",County & UA deprivation deciles in England (IMD2019, 4/21 geog.),Most deprived decile (IMD2019),") } == false)
    }

    /// The same export under the three header spellings users have: the website/API CSV,
    /// fingertipsR's names and R's read.csv names.
    @Test func headerSpellings() throws {
        let text = try String(contentsOfFile: Self.export, encoding: .utf8)
        guard let newline = text.firstIndex(of: "\n") else { Issue.record("no header"); return }
        let body = text[newline...]
        let fingertipsR = "IndicatorID,IndicatorName,ParentCode,ParentName,AreaCode,AreaName,AreaType,Sex,Age,CategoryType,Category,Timeperiod,Value,LowerCI95.0limit,UpperCI95.0limit,LowerCI99.8limit,UpperCI99.8limit,Count,Denominator,Valuenote,RecentTrend,ComparedtoEnglandvalueorpercentiles,ComparedtoRegionvalueorpercentiles,TimeperiodSortable,Newdata,Comparedtogoal,Timeperiodrange"
        let mangled = "Indicator.ID,Indicator.Name,Parent.Code,Parent.Name,Area.Code,Area.Name,Area.Type,Sex,Age,Category.Type,Category,Time.period,Value,Lower.CI.95.0.limit,Upper.CI.95.0.limit,Lower.CI.99.8.limit,Upper.CI.99.8.limit,Count,Denominator,Value.note,Recent.Trend,Compared.to.England.value.or.percentiles,Compared.to.Region.value.or.percentiles,Time.period.Sortable,New.data,Compared.to.goal,Time.period.range"
        let args = ["--indicators", Self.metadata, "--area", "E06000032"]
        let reference = try CLI.run(["compare", "--input", Self.export] + args)
        #expect(reference.status == 0)
        for header in [fingertipsR, mangled] {
            let path = try CLI.temporaryFile(header + body, name: "export.csv")
            let r = try CLI.run(["compare", "--input", path] + args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == reference.stdout)
        }
    }

    @Test func unknownAreaIndicatorAndColumns() throws {
        // An indicator missing from the metadata is kept (name from the data), with a warning.
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,lowercl,uppercl,extra\nle_m,A,2020,1,0.5,1.5,x\nnope,A,2021,1,0.5,1.5,y\n")
        var r = try CLI.run(["trend", "--input", data, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("1 indicator is not in the metadata (name from the data, value type unknown): 'nope'"))
        #expect(r.stderr.contains("columns not used: 'extra'"))
        #expect(r.stderr.contains("18 indicators in the metadata have no rows"))
        // A requested area with no rows is an error, not an empty table.
        r = try CLI.run(["compare"] + Self.files + ["--area", "E99999999"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("area 'E99999999' has no rows in"))
        let noPeriod = try CLI.temporaryFile("indicator_id,area_code,year,value\nle_m,A,2020,1\n")
        r = try CLI.run(["trend", "--input", noPeriod, "--indicators", Self.dir + "indicators.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(noPeriod):1:1: unknown column 'period'"))
        let badPolarity = try CLI.temporaryFile("indicator_id,name,value_type,multiplier,polarity,benchmark\nx,X,proportion,100,sideways,ci95\n")
        r = try CLI.run(["trend", "--input", data, "--indicators", badPolarity])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(badPolarity):2:5: polarity 'sideways'"))
        // Without metadata every indicator is unrated, and says so.
        r = try CLI.run(["compare", "--input", Self.export, "--area", "E06000032"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("have no polarity, so they are rated Higher/Similar/Lower without judgement"))
        #expect(r.lines.contains { $0.contains(",england,E92000001,England,") && $0.contains(",Lower,") })
    }
}
