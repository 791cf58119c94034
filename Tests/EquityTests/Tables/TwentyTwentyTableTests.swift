import Testing
@testable import Equity
import EquityTestSupport

/// The 20:20 index for all 317 local authorities against "An English Atlas of Inequality"
/// (Nyanzu & Rae 2019), from the IoD 2019 income domain deciles (read straight from .gz).
@Suite struct TwentyTwentyTests {
    @Test func allLocalAuthoritiesMatchTheAtlas() throws {
        let reader = try CSVReader(path: Fixtures.path("deprivation/england_lsoa11_iod2019.csv.gz"))
        let out = try TwentyTwentyTable.compute(reader: reader, areaColumn: try reader.column("lad19cd"), nameColumn: nil,
                                                decileColumn: try reader.column("income_decile"))
        let ours = try CSVReader(file: MappedFile(name: "out", contents: Array(out.bytes)))
        var byCode: [String: [String]] = [:]
        try ours.forEachRow { s in byCode[s.text(0)] = (0..<s.fieldCount).map { s.text($0) } }
        let atlas = try Fixtures.table(Fixtures.path("atlas/aoi_local_authority_nov_2019.csv"))
        #expect(atlas.rows.count == 317)
        let code = atlas.column("LAD19CD"), n = atlas.column("LSOA_Counts")
        let least = atlas.column("IMD19_Income_Top20%"), most = atlas.column("IMD19_Income_Bottom20%")
        let i2020 = atlas.doubles("IMD19_Income_Deciles_20_20"), i1010 = atlas.doubles("IMD19_Income_Deciles_10_10")
        var matched = 0
        for k in 0..<atlas.rows.count {
            guard let row = byCode[code[k]] else { Issue.record("\(code[k]) missing"); continue }
            #expect(row[1] == n[k], "\(code[k]) n")
            #expect(row[2] == most[k], "\(code[k]) MDQ")
            #expect(row[3] == least[k], "\(code[k]) LDQ")
            #expect(close(try number(row[5]), i2020[k], relative: 1e-9), "\(code[k]) 20:20")
            #expect(close(try number(row[9]), i1010[k], relative: 1e-9), "\(code[k]) 10:10")
            matched += 1
        }
        #expect(matched == 317)
        #expect(try #require(byCode["E06000032"])[4] == "10:34") // Luton, as published
    }

    @Test func badDecileIsAnError() throws {
        let reader = try CSVReader(file: MappedFile(name: "t.csv", text: "lsoa,la,decile\nA,X,1\nB,X,11\n"))
        #expect(throws: EquityError.self) {
            _ = try TwentyTwentyTable.compute(reader: reader, areaColumn: 1, nameColumn: nil, decileColumn: 2)
        }
    }
}
