import Foundation
import Testing
import EquityTestSupport

/// `equity eb`: the table's columns and its values against spdep/esda (Fixtures/reference/luton_lsoa11_*_eb.csv).
@Suite struct EBCommandTests {
    @Test func lutonAgainstSpdepAndEsda() throws {
        let r = try CLI.run(["eb", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"), "--id", "lsoa11cd",
                             "--value", "income_deprived", "--base", "pop_mid2015",
                             "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try r.line(0) == "id,events,base,raw_rate,eb_global,eb_local,local_rate,excess_risk")
        let dir = try CLI.temporaryDirectory()
        try r.stdout.write(toFile: dir + "/eb.csv", atomically: true, encoding: .utf8)
        let got = try Fixtures.table(dir + "/eb.csv")
        let spdep = try Fixtures.table(fixture: "reference/luton_lsoa11_spdep_eb.csv")
        let esda = try Fixtures.table(fixture: "reference/luton_lsoa11_esda_eb.csv")
        let want = Dictionary(uniqueKeysWithValues: zip(spdep.column("id"), zip(spdep.doubles("ebest_poisson"), spdep.doubles("eblocal"))))
        let excess = Dictionary(uniqueKeysWithValues: zip(esda.column("id"), esda.doubles("excess_risk")))
        for (i, id) in got.column("id").enumerated() {
            let w = try #require(want[id])
            #expect(close(got.doubles("eb_global")[i], w.0, relative: 1e-9))
            #expect(close(got.doubles("eb_local")[i], w.1, relative: 1e-9))
            #expect(close(got.doubles("excess_risk")[i], try #require(excess[id]), relative: 1e-9))
        }
        // A zero base names its row.
        let bad = try CLI.temporaryFile("id,e,b\nE01015693,1,0\n")
        let e = try CLI.run(["eb", "--input", bad, "--id", "id", "--value", "e", "--base", "b",
                             "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD"])
        #expect(e.status != 0)
    }
}
