"""k nearest neighbours of a point layer: spData's London cycle hire docking stations
(Fixtures/boundaries/london_cycle_hire.geojson, 742 points, lon/lat), by libpysal's KNN — on
the raw coordinates (Euclidean, as libpysal does by default) and by great-circle distance
(radius 6371.0088 km, libpysal's arc distance). Writes Fixtures/reference/cycle_hire_knn_libpysal.csv
(metric, id, neighbour). Run from the repository root: python Fixtures/reference/scripts/cycle_hire_knn_libpysal.py
(libpysal 4.14.1, geopandas 1.2)."""
import csv

import geopandas as gpd
import libpysal

g = gpd.read_file("Fixtures/boundaries/london_cycle_hire.geojson")
ids = [str(v) for v in g["id"]]
rows = []
for metric, kwargs in (("euclidean", {}), ("great-circle", {"radius": 6371.0088})):
    w = libpysal.weights.KNN.from_dataframe(g, k=4, ids=ids, use_index=False, **kwargs)
    for i in ids:
        for j in w.neighbors[i]:
            rows.append((metric, i, j))
with open("Fixtures/reference/cycle_hire_knn_libpysal.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["metric", "id", "neighbour"])
    out.writerows(rows)
print(len(rows), "links")
