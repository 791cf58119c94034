import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Moran's I of the IoD 2019 income score within each local authority, on the BGC queen
/// adjacency, against `Fixtures/atlas/aoi_la_reference_with_reproduction.csv`: the 316 local
/// authorities with a reproduced value (the Isles of Scilly, one LSOA, has none) to 1e-9, and the
/// 139 that match the Atlas's published value.
@Suite struct AtlasMoranTests {
    @Test func everyLocalAuthority() throws {
        let reader = try CSVReader(path: Fixtures.path("deprivation/england_lsoa11_iod2019.csv.gz"))
        let data = try reader.readColumns(numeric: [try reader.column("income_score")],
                                          text: [try reader.column("lsoa11cd"), try reader.column("lad19cd")])
        let ids = data.text[0], la = data.text[1], score = data.numeric[0]
        let w = try SpatialInputs.adjacency(csv: Fixtures.path("adjacency/england_lsoa11_bgc_queen_edges.csv.gz"), ids: ids, allowIslands: true)
        var rowsByLA: [String: [Int]] = [:]
        for (i, code) in la.enumerated() { rowsByLA[code, default: []].append(i) }
        let ref = try Fixtures.table(Fixtures.path("atlas/aoi_la_reference_with_reproduction.csv"))
        let published = try Fixtures.table(Fixtures.path("atlas/aoi_local_authority_nov_2019.csv"))
        let publishedI = Dictionary(uniqueKeysWithValues: zip(published.column("LAD19CD"), published.doubles("IMD19_Income_Sc_MI")))
        var reproduced = 0, matchingPublished = 0
        for (code, want) in zip(ref.column("LAD19CD"), ref.doubles("moran_I_queen_r_BGC_repro")) {
            guard !want.isNaN, let rows = rowsByLA[code] else { continue }
            let sub = w.subset(rows).transformed(.R)
            let r = try Moran.global(rows.map { score[$0] }, weights: sub)
            #expect(close(r.value, want, relative: 1e-9), "\(code)")
            reproduced += 1
            if let p = publishedI[code], abs(r.value - p) <= 1e-8 { matchingPublished += 1 }
        }
        #expect(reproduced == 316)
        #expect(matchingPublished == 139)
    }
}
