"""esda Moran_Local pseudo p-values at 9,999 permutations (seed 12345), for the test that Equity's
shared-draw conditional randomisation gives the same distribution. Queen contiguity; Columbus
CRIME and Luton LSOA 2011 income score.

    python Fixtures/reference/scripts/lisa_esda_9999.py
"""
import esda, geopandas as gpd, libpysal, pandas as pd

rows = []
col = gpd.read_file("Fixtures/boundaries/columbus.geojson")
w = libpysal.weights.Queen.from_dataframe(col, use_index=False)
w.transform = "R"
m = esda.Moran_Local(col.CRIME.to_numpy(float), w, permutations=9999, seed=12345)
rows += [("columbus", str(int(i)), p) for i, p in zip(col.POLYID, m.p_sim)]
lu = gpd.read_file("Fixtures/boundaries/luton_lsoa11_E06000032.geojson")
d = pd.read_csv("Fixtures/deprivation/luton_lsoa11_iod2019.csv").set_index("lsoa11cd").loc[lu.LSOA11CD]
w = libpysal.weights.Queen.from_dataframe(lu, use_index=False)
w.transform = "R"
m = esda.Moran_Local(d.income_score.to_numpy(float), w, permutations=9999, seed=12345)
rows += [("luton", c, p) for c, p in zip(lu.LSOA11CD, m.p_sim)]
pd.DataFrame(rows, columns=["data", "id", "p_sim"]).to_csv("Fixtures/reference/lisa_esda_p_sim_9999.csv", index=False)
print(esda.__version__)
