"""Deterministic local-statistic references from pygeoda 0.1.3 (GeoDa's C++ core) and esda 2.9.0
for Equity's tests: bivariate local Moran, local join counts, the quantile LISA, local Geary (univariate and
multivariate; esda's p_sim at 9,999 permutations), queen
contiguity on Columbus (CRIME, INC) and Luton LSOA 2011 (income score, IMD rank).

    python Fixtures/reference/scripts/local_stats_geoda.py
"""
import esda, geopandas as gpd, libpysal, numpy as np, pandas as pd, pygeoda

rows = []
def run(name, gdf, ids, x, y):
    gda = pygeoda.open(gdf)
    w = pygeoda.queen_weights(gda)
    bv = pygeoda.local_bimoran(w, list(x), list(y))
    binary = (x > np.median(x)).astype(float)
    jc = pygeoda.local_joincount(w, list(binary))
    ql = pygeoda.local_quantilelisa(w, list(x), 5, 5)
    lw = libpysal.weights.Queen.from_dataframe(gdf, use_index=False)
    lw.transform = "R"
    ebv = esda.Moran_Local_BV(x, y, lw, permutations=0)
    lg = pygeoda.local_geary(w, list(x))
    mg = pygeoda.local_multigeary(w, [list(x), list(y)])
    elg = esda.Geary_Local(connectivity=lw, permutations=9999, seed=12345).fit(x)
    ljc = esda.Join_Counts_Local(connectivity=libpysal.weights.Queen.from_dataframe(gdf, use_index=False)).fit(binary, permutations=0)
    for i, code in enumerate(ids):
        rows.append((name, code, x[i], y[i], int(binary[i]), bv.lisa_values()[i], ebv.Is[i], jc.lisa_values()[i], ljc.LJC[i],
                     ql.lisa_values()[i], lg.lisa_values()[i], elg.localG[i], elg.p_sim[i], mg.lisa_values()[i]))

col = gpd.read_file("Fixtures/boundaries/columbus.geojson")
run("columbus", col, [str(int(v)) for v in col.POLYID], col.CRIME.to_numpy(float), col.INC.to_numpy(float))
lu = gpd.read_file("Fixtures/boundaries/luton_lsoa11_E06000032.geojson")
d = pd.read_csv("Fixtures/deprivation/luton_lsoa11_iod2019.csv").set_index("lsoa11cd").loc[lu.LSOA11CD]
run("luton", lu, list(lu.LSOA11CD), d.income_score.to_numpy(float), d.imd_rank.to_numpy(float))
pd.DataFrame(rows, columns=["data", "id", "x", "y", "binary", "bimoran_geoda", "bimoran_esda", "joincount_geoda", "joincount_esda",
                            "quantile_lisa_5_5_geoda", "local_geary_geoda", "local_geary_esda", "local_geary_esda_p_sim_9999",
                            "multigeary_geoda"]).to_csv("Fixtures/reference/local_stats_geoda_esda.csv", index=False, float_format="%.17g")
print(pygeoda.__version__, esda.__version__)

# Lee's L (esda Spatial_Pearson / Spatial_Pearson_Local) on row-standardised queen weights.
lee_rows = []
for name, gdf, ids, x, y in (("columbus", col, [str(int(v)) for v in col.POLYID], col.CRIME.to_numpy(float), col.INC.to_numpy(float)),
                             ("luton", lu, list(lu.LSOA11CD), d.income_score.to_numpy(float), d.imd_rank.to_numpy(float))):
    lw = libpysal.weights.Queen.from_dataframe(gdf, use_index=False)
    lw.transform = "R"
    g = esda.Spatial_Pearson(connectivity=lw.sparse, permutations=0).fit(x.reshape(-1, 1), y.reshape(-1, 1))
    loc = esda.Spatial_Pearson_Local(connectivity=lw.sparse, permutations=0).fit(x.reshape(-1, 1), y.reshape(-1, 1))
    for i, code in enumerate(ids):
        lee_rows.append((name, code, g.association_[0, 1], g.association_[0, 0], g.association_[1, 1], loc.associations_[i]))
pd.DataFrame(lee_rows, columns=["data", "id", "L_xy", "L_xx", "L_yy", "L_i"]).to_csv("Fixtures/reference/lees_l_esda.csv", index=False,
                                                                                   float_format="%.17g")

# The local neighbour match test (pygeoda neighbor_match_test, k = 6, standardised, Euclidean).
nm_rows = []
for name, gdf, ids, x, y in (("columbus", col, [str(int(v)) for v in col.POLYID], col.CRIME.to_numpy(float), col.INC.to_numpy(float)),
                             ("luton", lu, list(lu.LSOA11CD), d.income_score.to_numpy(float), d.imd_rank.to_numpy(float))):
    r = pygeoda.neighbor_match_test(pygeoda.open(gdf), [list(x), list(y)], 6)
    for i, code in enumerate(ids):
        nm_rows.append((name, code, r["Cardinality"][i], r["Probability"][i]))
pd.DataFrame(nm_rows, columns=["data", "id", "cardinality", "probability"]).to_csv("Fixtures/reference/neighbour_match_geoda.csv",
                                                                                 index=False, float_format="%.17g")
