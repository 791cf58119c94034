import Foundation
import Testing
import EquityTestSupport

/// `equity aggregate` and `equity lookup`: Luton's LSOAs to its 2025 wards, and 2011 → 2021 LSOAs.
@Suite struct AggregateCommandTests {
    /// Ward sums from pandas: the LSOA file merged with the lookup on LSOA11CD
    /// (validate="one_to_one"), grouped by WD25CD, summed.
    @Test func lsoasToWardsMatchPandas() throws {
        let r = try CLI.run(["aggregate", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"), "--code", "lsoa11cd",
                             "--sum", "pop_mid2015,income_deprived", "--lookup", CLI.fixture("lookups/luton_lsoa11_ward25_bestfit.csv"),
                             "--lookup-from", "LSOA11CD", "--lookup-to", "WD25CD", "--lookup-name", "WD25NM"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try r.line(0) == "WD25CD,WD25NM,areas,areas_in_lookup,pop_mid2015,income_deprived,note")
        #expect(r.lines.count == 21)
        #expect(r.lines.contains("E05014735,Barnfield,7,7,10896,690,"))
        #expect(r.lines.contains { $0.hasPrefix("E05014746,") && $0.hasSuffix(",9,9,12963,2580,") })
        #expect(r.lines.contains { $0.hasPrefix("E05014754,") && $0.hasSuffix(",6,6,8255,540,") })
    }

    @Test func lsoa2011To2021FlagsSplits() throws {
        let r = try CLI.run(["aggregate", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"), "--code", "lsoa11cd",
                             "--sum", "pop_mid2015", "--lookup", CLI.fixture("lookups/luton_lsoa21_lsoa11_bestfit.csv"),
                             "--lookup-from", "LSOA11CD", "--lookup-to", "LSOA21CD"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 126)
        #expect(r.lines.filter { $0.contains("split area") }.count == 7)
        #expect(r.lines.contains("E01015693,1,1,1577,"))
    }

    @Test func unknownCodeNamesTheRow() throws {
        let path = try CLI.temporaryFile("code,n\nE01015693,1\nE09999999,2\n")
        let r = try CLI.run(["aggregate", "--input", path, "--code", "code", "--sum", "n",
                             "--lookup", CLI.fixture("lookups/luton_lsoa11_ward25_bestfit.csv"), "--lookup-from", "LSOA11CD", "--lookup-to", "WD25CD"])
        #expect(r.status == 1 && r.stderr.contains(":3:") && r.stderr.contains("not in the lookup"), "\(r.stderr)")
    }

    @Test func lookupFromGeometryReportsStraddlers() throws {
        let r = try CLI.run(["lookup", "--from", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--from-id", "LSOA11CD",
                             "--to", CLI.fixture("boundaries/luton_ward_E06000032.geojson"), "--to-id", "WD25CD", "--to-name", "WD25NM",
                             "--method", "largest-share"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 122)
        #expect(r.stderr.contains("CRS84") && r.stderr.contains("straddle"))
        // The committed lookup is this command's output.
        let committed = try String(contentsOfFile: CLI.fixture("lookups/luton_lsoa11_ward25_bestfit.csv"), encoding: .utf8)
        #expect(committed == r.stdout)
    }

    /// Points (e.g. GP practices) assigned to the ward that contains them; wards cannot be
    /// assigned to points.
    @Test func lookupFromPoints() throws {
        let points = try CLI.temporaryFile("""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[
            {"type":"Feature","properties":{"code":"P1"},"geometry":{"type":"Point","coordinates":[-0.414073192774573,51.90095424616808]}},
            {"type":"Feature","properties":{"code":"P2"},"geometry":{"type":"Point","coordinates":[0.5,52.5]}}]}
            """, name: "practices.geojson")
        let wards = CLI.fixture("boundaries/luton_ward_E06000032.geojson")
        let r = try CLI.run(["lookup", "--from", points, "--from-id", "code", "--to", wards, "--to-id", "WD25CD"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try r.line(1).hasPrefix("P1,E05014735,") && r.line(2).hasPrefix("P2,,"))
        let back = try CLI.run(["lookup", "--from", wards, "--from-id", "WD25CD", "--to", points, "--to-id", "code"])
        #expect(back.status == 1 && back.stderr.contains("practices.geojson:2:1: feature 1 is a point: the larger areas must be polygons"), "\(back.stderr)")
    }
}
