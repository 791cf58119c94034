"""Class bounds from mapclassify for Equity's map-classification tests.

Run from the repository root: python Fixtures/reference/scripts/mapclassify_bins.py
"""
import geopandas as gpd, mapclassify as mc, numpy as np, pandas as pd

data = {
    "luton_income_score": pd.read_csv("Fixtures/deprivation/luton_lsoa11_iod2019.csv").income_score.to_numpy(float),
    "nc_sidr74": gpd.read_file("Fixtures/boundaries/nc_sids.geojson").SIDR74.to_numpy(float),
}
rows = []
for name, y in data.items():
    for k in (3, 5, 7):
        rows.append((name, f"quantiles {k}", mc.Quantiles(y, k=k).bins))
        rows.append((name, f"equal-interval {k}", mc.EqualInterval(y, k=k).bins))
        rows.append((name, f"fisher-jenks {k}", mc.FisherJenks(y, k=k).bins))
    rows.append((name, "box-plot 1.5", mc.BoxPlot(y, hinge=1.5).bins))
    rows.append((name, "box-plot 3", mc.BoxPlot(y, hinge=3.0).bins))
    rows.append((name, "percentiles", mc.Percentiles(y).bins))
    rows.append((name, "user 0.1 0.2", mc.UserDefined(y, bins=[0.1, 0.2]).bins))
    rows.append((name, "counts quantiles 5", mc.Quantiles(y, k=5).counts))
with open("Fixtures/reference/mapclassify_bins.csv", "w") as f:
    f.write(f"# mapclassify {mc.__version__}\ndata,scheme,bins\n")
    for name, scheme, bins in rows:
        f.write(f"{name},{scheme},{' '.join(repr(float(b)) for b in bins)}\n")
