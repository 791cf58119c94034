"""GeoDa's local G / G* cluster labels and significance filters, from pygeoda 0.1.3 (GeoDa's C++
core) and esda 2.9.0's `fdr`, for Equity's labelling rule: queen contiguity on Columbus (CRIME) and Luton LSOA 2011
(income score), 999 permutations. GeoDa's own pseudo p-values are kept with its labels (code 0
not significant, 1 High-High, 2 Low-Low, 4 isolated) at α = 0.05, with the Bonferroni and FDR
cut-offs GeoDa reports for those p-values (GeoDa's FDR steps down from the smallest p-value and
stops at the first above its bound) and esda's `fdr` cut-off (Benjamini–Hochberg's step-up).

    python Fixtures/reference/scripts/local_g_clusters_geoda.py
"""
import esda, geopandas as gpd, numpy as np, pandas as pd, pygeoda

rows = []
def run(name, gdf, ids, x):
    gda = pygeoda.open(gdf)
    w = pygeoda.queen_weights(gda)
    for star, fn in ((0, pygeoda.local_g), (1, pygeoda.local_gstar)):
        r = fn(w, list(x), permutations=999, significance_cutoff=0.05)
        fdr, bonferroni = r.lisa_fdr(0.05), r.lisa_bo(0.05)
        esda_fdr = esda.fdr(np.array(r.lisa_pvalues()), 0.05)
        for i, code in enumerate(ids):
            rows.append((name, star, code, x[i], r.lisa_values()[i], r.lisa_pvalues()[i], r.lisa_clusters()[i], fdr, bonferroni, esda_fdr))

col = gpd.read_file("Fixtures/boundaries/columbus.geojson")
run("columbus", col, [str(int(v)) for v in col.POLYID], col.CRIME.to_numpy(float))
lu = gpd.read_file("Fixtures/boundaries/luton_lsoa11_E06000032.geojson")
d = pd.read_csv("Fixtures/deprivation/luton_lsoa11_iod2019.csv").set_index("lsoa11cd").loc[lu.LSOA11CD]
run("luton", lu, list(lu.LSOA11CD), d.income_score.to_numpy(float))
pd.DataFrame(rows, columns=["data", "star", "id", "value", "g_geoda", "p_geoda", "cluster_geoda", "fdr_threshold_geoda",
                            "bonferroni_threshold_geoda", "fdr_threshold_esda"]).to_csv("Fixtures/reference/local_g_clusters_geoda.csv", index=False,
                                                                  float_format="%.17g")
print(pygeoda.__version__, esda.__version__)
