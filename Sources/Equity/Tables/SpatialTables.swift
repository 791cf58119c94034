/// The outputs of the spatial commands: neighbour pairs, a global statistic (a JSON object or a
/// one-row CSV), and per-area tables of local statistics.
public enum SpatialTables {
    /// One row per undirected pair of neighbours, `id_a < id_b`, sorted.
    public static func pairs(_ w: SpatialWeights, format: TableFormat = .csv) -> ByteWriter {
        var pairs: [(String, String)] = []
        for (a, b) in w.undirectedPairs {
            let (x, y) = (w.ids[a], w.ids[b])
            pairs.append(x < y ? (x, y) : (y, x))
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let out = ByteWriter()
        out.format = format
        out.header(["id_a", "id_b"])
        for (a, b) in pairs { out.field(a); out.field(b); out.endRow() }
        out.finishTable()
        return out
    }

    /// One row per directed link — `id,neighbour,weight` with the original (untransformed)
    /// weights, in the weights' row order — so asymmetric weights (k nearest neighbours, adaptive
    /// kernels) and weighted ones (inverse distance, kernels) keep what pairs would lose. The layout
    /// of spdep's `listw2sn` (from, to, weight) with ids; read back by `--weights FILE.csv`.
    public static func links(_ w: SpatialWeights, format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["id", "neighbour", "weight"])
        for i in 0..<w.count {
            for k in w.offsets[i]..<w.offsets[i + 1] {
                out.field(w.ids[i]); out.field(w.ids[Int(w.neighbours[k])]); out.field(w.original[k]); out.endRow()
            }
        }
        out.finishTable()
        return out
    }

    /// The summary line for weights: areas, pairs, islands (the first ten named), components.
    public static func summary(_ w: SpatialWeights, source: String, rule: String) -> String {
        let islands = w.islands
        let components = w.components().count
        let pairCount = w.undirectedPairs.count
        let named = islands.isEmpty ? "" : " (" + islands.prefix(10).map { w.ids[$0] }.joined(separator: ", ") + (islands.count > 10 ? ", …" : "") + ")"
        return "\(source): \(w.count) areas, \(pairCount) \(rule) pairs, \(islands.count) island\(islands.count == 1 ? "" : "s")\(named), "
            + "\(components) connected component\(components == 1 ? "" : "s")"
    }

    /// A global statistic's keys and values in the documented order (symbol: I, C or G).
    public static func globalFields(_ r: GlobalStatistic, symbol: String) -> [(String, Double)] {
        [("n", Double(r.n)), (symbol, r.value), ("expected_\(symbol)", r.expected),
         ("variance_normality", r.varianceNormality), ("variance_randomisation", r.varianceRandomisation),
         ("z_normality", r.zNormality), ("z_randomisation", r.zRandomisation),
         ("p_normality", r.pNormality), ("p_randomisation", r.pRandomisation),
         ("p_normality_two_sided", r.pNormalityTwoSided), ("p_randomisation_two_sided", r.pRandomisationTwoSided),
         ("permutations", Double(r.permutations)), ("p_sim", r.pSim), ("mean_sim", r.meanSim), ("sd_sim", r.sdSim),
         ("islands", Double(r.islands))]
    }

    /// Keys and values as one JSON object (non-finite values as `null`) or a one-row CSV.
    public static func global(_ fields: [(String, Double)], format: TableFormat = .json) -> ByteWriter {
        let out = ByteWriter()
        switch format {
        case .json:
            out.append(raw: "{\n")
            for (k, (key, v)) in fields.enumerated() {
                out.append(raw: "  ")
                out.appendJSONString(key)
                out.append(raw: ": ")
                if v.isFinite { out.append(v) } else { out.append(raw: "null") }
                out.append(raw: k + 1 < fields.count ? ",\n" : "\n")
            }
            out.append(raw: "}\n")
        case .csv:
            out.header(fields.map { $0.0 })
            for (_, v) in fields { out.field(v) }
            out.endRow()
        }
        return out
    }

    /// LISA per area: id, value, z, lag, Ii, quadrant, p_sim, cluster (and E_Ii, Var_Ii, Z_Ii, p_Ii with moments).
    public static func lisa(ids: [String], values: [Double], lisa: LocalMoran, clusters: [LocalMoran.Cluster], moments: LocalMoranMoments? = nil,
                            format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["id", "value", "z", "lag", "Ii", "quadrant", "p_sim", "cluster"] + (moments == nil ? [] : ["E_Ii", "Var_Ii", "Z_Ii", "p_Ii"]))
        for i in 0..<ids.count {
            out.field(ids[i]); out.field(values[i]); out.field(lisa.z[i]); out.field(lisa.lag[i])
            out.field(lisa.values[i]); out.field(lisa.isIsland[i] ? "" : LocalMoran.quadrantNames[lisa.quadrant[i]])
            out.field(lisa.pSim[i]); out.field(clusters[i].rawValue)
            if let m = moments { out.field(m.expected[i]); out.field(m.variance[i]); out.field(m.z[i]); out.field(m.p[i]) }
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// A Moran correlogram: one row per contiguity order.
    public static func correlogram(_ lags: [MoranCorrelogram.Lag], format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["order", "n", "I", "expected_I", "variance_normality", "variance_randomisation", "z_randomisation",
                    "p_randomisation_two_sided", "islands"])
        for l in lags {
            let m = l.moran
            out.field(l.order); out.field(m.n); out.field(m.value); out.field(m.expected); out.field(m.varianceNormality)
            out.field(m.varianceRandomisation); out.field(m.zRandomisation); out.field(2 * Normal.survival(abs(m.zRandomisation)))
            out.field(l.islands)
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// Global join counts: one row per category (same-colour joins, expectation, variance, z,
    /// one-sided p), then the joins between different categories and all joins.
    public static func joinCounts(_ r: JoinCounts, format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["category", "areas", "joins", "expected", "variance", "z", "p_greater"])
        for c in r.categories {
            out.field(NumberFormatting.string(c.value)); out.field(c.areas); out.field(c.joins); out.field(c.expected); out.field(c.variance)
            out.field(c.z); out.field(c.p)
            out.endRow()
        }
        for (name, joins) in [("different", r.different), ("all", r.total)] {
            out.field(name); out.field(""); out.field(joins); out.field(""); out.field(""); out.field(""); out.field("")
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// Local Geary per area: id, value, c, p_sim, cluster.
    public static func localGeary(ids: [String], values: [Double], result: LocalGeary, clusters: [LocalGeary.Cluster],
                                  format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["id", "value", "c", "p_sim", "cluster"])
        for i in 0..<ids.count {
            out.field(ids[i]); out.field(values[i]); out.field(result.values[i]); out.field(result.pSim[i]); out.field(clusters[i].rawValue)
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// Local join counts per area: id, value (0/1), ljc, p_sim, significant (p_sim ≤ alpha after
    /// the correction for testing every area, if any).
    public static func joinCounts(ids: [String], values: [Double], result: LocalJoinCount, alpha: Double,
                                  correction: MultipleTesting.Correction = .none, format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["id", "value", "ljc", "p_sim", "significant"])
        let significant = MultipleTesting.significant(result.pSim, alpha: alpha, correction: correction)
        for i in 0..<ids.count {
            out.field(ids[i]); out.field(values[i]); out.field(result.counts[i]); out.field(result.pSim[i])
            out.field(result.pSim[i].isNaN ? "" : (significant[i] ? "yes" : "no"))
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// Local G or G* per area: id, value, G (G_star), z, p_one_sided, p_two_sided, p_sim, note,
    /// cluster (GeoDa's hot/cold-spot labels: `GetisOrd.Local.clusters`; none without `clusters`).
    public static func localG(ids: [String], values: [Double], local: GetisOrd.Local, star: Bool,
                              clusters: [LocalCluster]? = nil, format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(["id", "value", star ? "G_star" : "G", "z", "p_one_sided", "p_two_sided", "p_sim", "note"] + (clusters == nil ? [] : ["cluster"]))
        for i in 0..<local.g.count {
            out.field(ids[i]); out.field(values[i]); out.field(local.g[i]); out.field(local.z[i])
            let p = local.z[i].isNaN ? Double.nan : Normal.survival(abs(local.z[i]))
            out.field(p); out.field(2 * p)
            out.field(local.pSim[i])
            out.field(local.notes[i])
            if let clusters { out.field(clusters[i].rawValue) }
            out.endRow()
        }
        out.finishTable()
        return out
    }
}
