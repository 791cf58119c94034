import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Local statistics against spdep 1.2-7 (`Fixtures/reference/localmoran_spdep.csv`), pygeoda
/// 0.1.3 and esda 2.9.0 (`Fixtures/reference/local_stats_geoda_esda.csv`); scripts beside them.
@Suite struct LocalStatisticsTests {
    static func layer(_ name: String) throws -> (PolygonLayer, [String], String) {
        switch name {
        case "nc_sids": return (try GeoJSONReader.read(path: Fixtures.path("boundaries/nc_sids.geojson")), [], "FIPSNO")
        case "columbus": return (try GeoJSONReader.read(path: Fixtures.path("boundaries/columbus.geojson")), [], "POLYID")
        default: return (try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson")), [], "LSOA11CD")
        }
    }

    static func weights(_ name: String) throws -> (SpatialWeights, [String], PolygonLayer) {
        let (layer, _, property) = try layer(name)
        let ids = try SpatialInputs.ids(layer, property: property)
        return (try SpatialWeights(layer: layer, ids: ids, rule: .contiguity(.queen)), ids, layer)
    }

    static func near(_ a: Double, _ b: Double) -> Bool { close(a, b, relative: 1e-9, absolute: 1e-12) }

    @Test(arguments: ["nc_sids", "columbus", "luton"]) func localMoranMomentsAgreeWithSpdep(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/localmoran_spdep.csv").filter { $0["data"] == name }
        let (w, _, layer) = try Self.weights(name)
        let x: [Double]
        switch name {
        case "nc_sids": x = try layer.property("SIDR74").map { try number($0) }
        case "columbus": x = try layer.property("CRIME").map { try number($0) }
        default:
            let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
            x = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"), idColumn: "lsoa11cd",
                                         valueColumn: "income_score", ids: ids).values
        }
        let r = w.transformed(.R)
        let c = try LocalMoranMoments.compute(x, weights: r)
        let t = try LocalMoranMoments.compute(x, weights: r, kind: .total)
        let columns: [(String, [Double])] = [("Ii", c.values), ("E_Ii", c.expected), ("Var_Ii", c.variance), ("Z_Ii", c.z), ("P_Ii", c.p),
                                             ("E_Ii_total", t.expected), ("Var_Ii_total", t.variance), ("Z_Ii_total", t.z), ("P_Ii_total", t.p)]
        #expect(ref.column("Ii").count == x.count)
        for (column, got) in columns {
            for (i, want) in ref.doubles(column).enumerated() { #expect(Self.near(got[i], want), "\(name) \(column) \(i + 1): \(got[i]) vs \(want)") }
        }
        // esda's scale: Iᵢ and E scaled by (n − 1)/n, Z unchanged.
        let n = Double(x.count)
        let e = try LocalMoranMoments.compute(x, weights: r, scale: (n - 1) / n)
        let lisa = try LocalMoran.compute(x, weights: r)
        for i in 0..<x.count { #expect(Self.near(e.values[i], lisa.values[i]) && Self.near(e.z[i], c.z[i])) }
    }

    @Test(arguments: ["columbus", "luton"]) func bivariateJoinCountsAndQuantileLISA(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/local_stats_geoda_esda.csv").filter { $0["data"] == name }
        let (w, ids, _) = try Self.weights(name)
        #expect(ids.map { name == "columbus" ? String(Int(Double($0)!)) : $0 } == ref.column("id"))
        let x = ref.doubles("x"), y = ref.doubles("y"), binary = ref.doubles("binary")
        let bv = try BivariateLocalMoran.compute(x: x, y: y, weights: w.transformed(.R), permutations: 99)
        let jc = try LocalJoinCount.compute(binary, weights: w, permutations: 99)
        let ql = try LocalJoinCount.compute(try LocalJoinCount.quantileIndicator(x, k: 5, q: 5), weights: w, permutations: 0)
        for i in 0..<x.count {
            #expect(Self.near(bv.values[i], ref.doubles("bimoran_esda")[i]), "\(name) BV esda \(i)")
            #expect(close(bv.values[i], ref.doubles("bimoran_geoda")[i], relative: 1e-9, absolute: 1e-9), "\(name) BV geoda \(i)")
            #expect(jc.counts[i] == ref.doubles("joincount_geoda")[i] && jc.counts[i] == ref.doubles("joincount_esda")[i], "\(name) LJC \(i)")
            #expect(ql.counts[i] == ref.doubles("quantile_lisa_5_5_geoda")[i], "\(name) quantile LISA \(i)")
            #expect(jc.counts[i] == 0 ? jc.pSim[i].isNaN : (jc.pSim[i] > 0 && jc.pSim[i] <= 1))
        }
        #expect(throws: EquityError.self) { try LocalJoinCount.compute(x, weights: w) }
    }
}

/// Local Geary against esda 2.9.0 `Geary_Local` and pygeoda 0.1.3 `local_geary` /
/// `local_multigeary` (GeoDa standardises with the sample standard deviation, so its cᵢ is
/// esda's × (n − 1)/n); p_sim against esda's at 9,999 permutations within Monte Carlo error.
@Suite struct LocalGearyTests {
    @Test(arguments: ["columbus", "luton"]) func agreesWithEsdaAndGeoDa(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/local_stats_geoda_esda.csv").filter { $0["data"] == name }
        let (w, _, _) = try LocalStatisticsTests.weights(name)
        let x = ref.doubles("x"), y = ref.doubles("y")
        let n = Double(x.count)
        let g = try LocalGeary.compute([x], weights: w, permutations: 9999, seed: 11)
        let multi = try LocalGeary.compute([x, y], weights: w, permutations: 0)
        let perSite = try LocalGeary.compute([x], weights: w, permutations: 9999, seed: 11, draws: .perSite)
        for i in 0..<x.count {
            #expect(LocalStatisticsTests.near(g.values[i], ref.doubles("local_geary_esda")[i]), "\(name) \(i)")
            #expect(close(g.values[i] * (n - 1) / n, ref.doubles("local_geary_geoda")[i], relative: 1e-9), "\(name) geoda \(i)")
            #expect(close(multi.values[i] * (n - 1) / n, ref.doubles("multigeary_geoda")[i], relative: 1e-9),
                    "\(name) multivariate \(i): \(multi.values[i] * (n - 1) / n) vs \(ref.doubles("multigeary_geoda")[i])")
            let q = ref.doubles("local_geary_esda_p_sim_9999")[i]
            let pm = (g.pSim[i] + q) / 2
            let se = (max(pm * (1 - pm), 1e-4) / 9999 * 2).squareRoot()
            #expect(abs(g.pSim[i] - q) <= 4.5 * se, "\(name) \(i): \(g.pSim[i]) vs esda \(q)")
            #expect(abs(perSite.pSim[i] - q) <= 4.5 * se, "\(name) \(i): per-site \(perSite.pSim[i]) vs esda \(q)")
        }
        let labels = g.clusters(alpha: 0.05)
        #expect(labels.contains(.highHigh) || labels.contains(.lowLow) || labels.contains(.negative))
        #expect(multi.clusters(alpha: 0.05).allSatisfy { $0 == .notTested })
    }
}

/// Lee's L against esda 2.9.0 `Spatial_Pearson` and `Spatial_Pearson_Local`
/// (`Fixtures/reference/lees_l_esda.csv`), row-standardised queen weights.
@Suite struct LeesLTests {
    @Test(arguments: ["columbus", "luton"]) func agreesWithEsda(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/lees_l_esda.csv").filter { $0["data"] == name }
        let data = try Fixtures.table(fixture: "reference/local_stats_geoda_esda.csv").filter { $0["data"] == name }
        let (w, _, _) = try LocalStatisticsTests.weights(name)
        let r = try LeesL.compute(x: data.doubles("x"), y: data.doubles("y"), weights: w, permutations: 999, local: true, seed: 3)
        #expect(LocalStatisticsTests.near(r.value, ref.doubles("L_xy")[0]))
        #expect(LocalStatisticsTests.near(r.lxx, ref.doubles("L_xx")[0]) && LocalStatisticsTests.near(r.lyy, ref.doubles("L_yy")[0]))
        for (i, want) in ref.doubles("L_i").enumerated() { #expect(LocalStatisticsTests.near(r.local[i], want), "\(name) L_\(i)") }
        #expect(r.pSim > 0 && r.pSim <= 1 && r.localPSim.allSatisfy { $0 > 0 && $0 <= 1 })
        // Shared and per-site local p-values agree within Monte Carlo error.
        let perSite = try LeesL.compute(x: data.doubles("x"), y: data.doubles("y"), weights: w, permutations: 9999, local: true, seed: 3, draws: .perSite)
        let shared = try LeesL.compute(x: data.doubles("x"), y: data.doubles("y"), weights: w, permutations: 9999, local: true, seed: 3)
        for i in 0..<shared.local.count {
            let pm = (shared.localPSim[i] + perSite.localPSim[i]) / 2
            #expect(abs(shared.localPSim[i] - perSite.localPSim[i]) <= 4.5 * (max(pm * (1 - pm), 1e-4) / 9999 * 2).squareRoot(), "\(name) \(i)")
        }
    }
}

/// The local neighbour match test against pygeoda 0.1.3 `neighbor_match_test` (k = 6; CRIME and
/// INC on Columbus, income score and IMD rank on Luton; `Fixtures/reference/neighbour_match_geoda.csv`).
@Suite struct NeighbourMatchTests {
    @Test(arguments: ["columbus", "luton"]) func agreesWithGeoDa(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/neighbour_match_geoda.csv").filter { $0["data"] == name }
        let data = try Fixtures.table(fixture: "reference/local_stats_geoda_esda.csv").filter { $0["data"] == name }
        let (_, ids, layer) = try LocalStatisticsTests.weights(name)
        let knn = try DistanceWeights.knn(PointSet(centroidsOf: layer, geographic: false), ids: ids, k: 6)
        let r = try NeighbourMatch.compute([data.doubles("x"), data.doubles("y")], geographic: knn, k: 6)
        var same = 0
        for i in 0..<ids.count {
            let want = Int(ref.doubles("cardinality")[i])
            if r.cardinality[i] == want { same += 1 }
            let p = ref.doubles("probability")[i]
            if r.cardinality[i] == want { #expect(p.isNaN ? r.probability[i].isNaN : close(r.probability[i], p, relative: 1e-9)) }
        }
        #expect(same == ids.count, "\(name): \(same) of \(ids.count) cardinalities agree")
    }

    /// GeoDa's local G / G* cluster map labels (pygeoda 0.1.3, queen, 999 permutations,
    /// `Fixtures/reference/local_g_clusters_geoda.csv`): Gᵢ on row-standardised weights agrees to
    /// 1e-9, and Equity's rule — High-High where significant with Gᵢ above its expectation (z > 0),
    /// Low-Low below — applied to GeoDa's own pseudo p-values gives GeoDa's labels for every area.
    @Test(arguments: ["columbus", "luton"]) func localGClustersAsGeoDa(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/local_g_clusters_geoda.csv").filter { $0["data"] == name }
        let (w, ids, _) = try LocalStatisticsTests.weights(name)
        for star in [false, true] {
            let rows = ref.filter { $0["star"] == (star ? "1" : "0") }
            #expect(rows.column("id") == ids)
            let g = try GetisOrd.local(rows.doubles("value"), weights: w.transformed(.R), star: star)
            for (a, b) in zip(g.g, rows.doubles("g_geoda")) { #expect(LocalStatisticsTests.near(a, b), "\(name) star \(star): G \(a) vs \(b)") }
            var labelled = g
            labelled.pSim = rows.doubles("p_geoda")
            let codes: [LocalCluster: Double] = [.notSignificant: 0, .highHigh: 1, .lowLow: 2, .island: 4]
            let mine = labelled.clusters(alpha: 0.05).map { codes[$0] ?? -1 }
            #expect(mine == rows.doubles("cluster_geoda"), "\(name) star \(star)")
        }
    }
}

