"""Empirical-Bayes and excess-risk references from esda (PySAL) for Equity's tests.

Run from the repository root with esda, libpysal and geopandas installed:
    python Fixtures/reference/scripts/eb_esda.py
"""
import esda, geopandas as gpd, libpysal, numpy as np, pandas as pd


def out(name, ids, e, b, gdf):
    w = libpysal.weights.Queen.from_dataframe(gdf, use_index=False)
    w.id_order = list(range(len(gdf)))
    df = pd.DataFrame({
        "id": ids, "events": e, "base": b,
        "excess_risk": esda.smoothing.Excess_Risk(e, b).r.ravel(),
        "empirical_bayes": esda.smoothing.Empirical_Bayes(e, b).r.ravel(),
        "spatial_empirical_bayes": esda.smoothing.Spatial_Empirical_Bayes(e, b, w).r.ravel(),
        "spatial_rate": esda.smoothing.Spatial_Rate(e, b, w).r.ravel(),
    })
    df.to_csv(name, index=False, float_format="%.17g")
    print(name, esda.__version__, libpysal.__version__)


nc = gpd.read_file("Fixtures/boundaries/nc_sids.geojson")
out("Fixtures/reference/nc_sids_esda_eb.csv", nc.FIPSNO.astype(int), nc.SID74.to_numpy(float), nc.BIR74.to_numpy(float), nc)
lu = gpd.read_file("Fixtures/boundaries/luton_lsoa11_E06000032.geojson")
d = pd.read_csv("Fixtures/deprivation/luton_lsoa11_income_deprived.csv").set_index("lsoa11cd").loc[lu.LSOA11CD]
out("Fixtures/reference/luton_lsoa11_esda_eb.csv", lu.LSOA11CD, d.income_deprived.to_numpy(float), d.pop_mid2015.to_numpy(float), lu)
