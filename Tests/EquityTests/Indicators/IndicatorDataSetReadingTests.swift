import Foundation
import Testing
import Equity
import EquityTestSupport

/// Reading indicator data as it is downloaded: header spellings, thousands separators,
/// dimensions, comparators from the export, limits never rebuilt for exports, trimmed codes and
/// the warnings for what matches nothing.
@Suite struct IndicatorDataSetReadingTests {
    @Test func groupedNumbers() {
        func parse(_ s: String) -> NumberParsing.Parsed {
            Array(s.utf8).withUnsafeBufferPointer { NumberParsing.parseGrouped($0.baseAddress!, 0, $0.count) }
        }
        #expect(parse("1,480") == .number(1480))
        #expect(parse("-12,345,678.5") == .number(-12_345_678.5))
        #expect(parse("480") == .number(480))
        #expect(parse(" 1,000 ") == .number(1000))
        for bad in ["1,48", "1,4800", ",480", "1,,480", "1234,567", "1,480,", "1.480,5", "abc"] {
            #expect(parse(bad) == .invalid, "\(bad)")
        }
    }

    static let export = """
        Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to Region value or percentiles,Time period Sortable,New data,Compared to goal,Time period range
        1,Smoking,,,E92000001,England,England,Persons,18+ yrs,,,2022,12.7,12.5,12.9,,,"5,000","39,370",,,,,20220000,,,1y
        1,Smoking,E92000001,England,E12000006,East of England,Region,Persons,18+ yrs,,,2022,13.2,,,,,,,Aggregated from all known lower geography values,,Same,,20220000,,,1y
        1,Smoking,E12000006,East of England,E06000032 ,Luton,UA,Persons,18+ yrs,,,2022,21.1,19.5,22.8,,,510,"2,419",,,Worse,Worse,20220000,,,1y
        1,Smoking,,,E92000001,England,England,Persons,18+ yrs,Deprivation deciles,Most deprived decile,2022,20.3,19.9,20.7,,,"2,030","10,000",,,Worse,,20220000,,,1y
        1,Smoking,E12000006,East of England,E06000031,Peterborough,UA,Persons,18+ yrs,,,2022,,,,,,12,50,Value suppressed for disclosure control due to small count,,Not compared,Not compared,20220000,,,1y

        """

    @Test func exportAsDownloaded() throws {
        let path = try CLI.temporaryFile(Self.export, name: "export.csv")
        let meta = try CLI.temporaryFile("indicator_id,polarity,value_type,multiplier\n1,low_is_good,proportion,100\n", name: "meta.csv")
        let set = try IndicatorDataSet.load(data: path, indicators: meta)
        #expect(set.isFingertipsExport && set.rowCount == 5)
        #expect(set.parentKind == .region && set.parentHeading == "Region")
        // Counts with thousands separators; the trimmed code with its note.
        let luton = set.row(2)
        #expect(luton.area == "E06000032" && luton.count == 510 && luton.denominator == 2419)
        #expect(luton.note == "spaces trimmed from a code")
        #expect(set.row(0).count == 5000 && set.row(0).denominator == 39370)
        // The category row is a dimension of the indicator.
        #expect(set.row(3).categoryType == "Deprivation deciles" && set.row(3).category == "Most deprived decile")
        // A value without limits stays without them; a suppressed value is never rebuilt from its count.
        #expect(set.row(1).lower95.isNaN && set.row(1).note == "value published without confidence limits")
        #expect(set.row(4).value.isNaN && set.row(4).lower95.isNaN && set.row(4).valueNote.hasPrefix("Value suppressed"))
        #expect(set.publishedLabel(2, england: true) == "Worse" && set.publishedLabel(2, england: false) == "Worse")
        #expect(set.warnings.contains { $0.contains("spaces trimmed from codes in 1 row") })

        // Comparators straight from the export: England for every other area, the region from Parent Code.
        let analysis = IndicatorAnalysis(set)
        let c = analysis.comparisons(areas: ["E06000032"])
        #expect(c.map(\.comparator) == [.england, .region])
        #expect(c[0].comparatorValue == 12.7 && c[0].outcome.result == .worse && c[0].agreesWithPublished == true)
        #expect(c[1].comparatorName == "East of England" && c[1].comparatorValue == 13.2 && c[1].agreesWithPublished == true)
        // The region's value has no limits, so Equity does not compare it; this test's export
        // labels it "Same", and the disagreement is reported.
        let region = analysis.comparisons(areas: ["E12000006"])
        #expect(region.first?.outcome.result == .notCompared && region.first?.agreesWithPublished == false)
    }

    /// The older rule (`rebuildLimits`) builds limits from counts wherever counts are given.
    @Test func rebuildLimitsOption() throws {
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,count,denominator\np,A,2022,50,50,100\np,B,2022,,30,100\n", name: "d.csv")
        let meta = try CLI.temporaryFile("indicator_id,value_type,multiplier,polarity\np,proportion,100,high_is_good\n", name: "m.csv")
        let plain = try IndicatorDataSet.load(data: data, indicators: meta)
        #expect(plain.row(0).lower95.isNaN && plain.row(0).note == "value published without confidence limits")
        #expect(abs(plain.row(1).lower95 - 21.894885294932763) < 1e-9) // Equity's own format: value built from counts
        var options = IndicatorDataSet.ReadOptions()
        options.rebuildLimits = true
        let rebuilt = try IndicatorDataSet.load(data: data, indicators: meta, options: options)
        #expect(rebuilt.row(0).lower95 > 40 && rebuilt.row(0).note == "limits from counts (Wilson)")
    }

    @Test func warningsForWhatMatchesNothing() throws {
        let data = try CLI.temporaryFile("indicator_id,area_code,period,value,lowercl,uppercl\np,A,2022,1,0.5,1.5\np,A,Week 3,1,0.5,1.5\n", name: "d.csv")
        let meta = try CLI.temporaryFile("indicator_id,polarity\np,high_is_good\nq,low_is_good\n", name: "m.csv")
        let comparators = try CLI.temporaryFile("area_code,comparator,comparator_code\nA,neighbours,Z\nY,england,E92000001\n", name: "c.csv")
        let set = try IndicatorDataSet.load(data: data, indicators: meta, comparators: comparators)
        let w = set.warnings.joined(separator: "\n")
        #expect(w.contains("1 indicator in the metadata has no rows: 'q'"))
        #expect(w.contains("1 area has comparators but no rows: 'Y'"))
        #expect(w.contains("2 comparator codes have no rows: 'E92000001', 'Z'"))
        #expect(w.contains("1 period text is not a recognised period ('Week 3')"))
    }
}
