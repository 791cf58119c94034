"""Distance and kernel weights from libpysal 4.14.1 on the Columbus centroids, for Equity's tests:
inverse distance (DistanceBand(threshold=2.0, binary=False, alpha=-1 and -2)) and Kernel
(k=5; triangular, uniform, quadratic, quartic, gaussian; fixed and adaptive). One row per link
(self-links of kernels included).

    python Fixtures/reference/scripts/distance_weights_libpysal.py
"""
import geopandas as gpd, libpysal, numpy as np, pandas as pd

col = gpd.read_file("Fixtures/boundaries/columbus.geojson")
pts = np.column_stack([col.geometry.centroid.x, col.geometry.centroid.y])
ids = [str(int(v)) for v in col.POLYID]
rows = []
def links(name, w):
    for i, nbrs in w.neighbors.items():
        for j, wt in zip(nbrs, w.weights[i]):
            rows.append((name, ids[i], ids[j], wt))
for alpha in (-1.0, -2.0):
    links(f"inverse_distance {alpha:g}", libpysal.weights.DistanceBand(pts, threshold=2.0, binary=False, alpha=alpha, silence_warnings=True))
for f in ("triangular", "uniform", "quadratic", "quartic", "gaussian"):
    for fixed in (True, False):
        links(f"kernel {f} {'fixed' if fixed else 'adaptive'}", libpysal.weights.Kernel(pts, k=5, function=f, fixed=fixed))
pd.DataFrame(rows, columns=["weights", "i", "j", "w"]).to_csv("Fixtures/reference/distance_weights_libpysal.csv", index=False, float_format="%.17g")
print(libpysal.__version__, len(rows))
