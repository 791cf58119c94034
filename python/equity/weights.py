"""Spatial weights: built by Equity's Swift library from a GeoDataFrame or pairs, or taken
from libpysal, and handed to moran/lisa/geary/getis_ord without conversion to text."""
import numpy as np

from . import _native
from ._native import EquityError


class Weights:
    """Neighbours and their (original, untransformed) weights in compressed rows: the neighbours
    of area `ids[i]` are `neighbours[offsets[i]:offsets[i+1]]` (indices into `ids`), with weights
    `weights[offsets[i]:offsets[i+1]]`. Statistics apply their transform (e.g. "R") themselves."""

    def __init__(self, ids, offsets, neighbours, weights):
        self.ids = [str(i) for i in ids]
        self.offsets = np.ascontiguousarray(offsets, dtype=np.int64)
        self.neighbours = np.ascontiguousarray(neighbours, dtype=np.int32)
        self.weights = np.ascontiguousarray(weights, dtype=np.float64)
        if len(self.offsets) != len(self.ids) + 1:
            raise EquityError(f"weights: {len(self.offsets)} row offsets for {len(self.ids)} areas (expected {len(self.ids) + 1})")
        if len(self.neighbours) != len(self.weights) or len(self.neighbours) != int(self.offsets[-1]):
            raise EquityError("weights: the neighbours, weights and the last row offset disagree in length")

    def __len__(self):
        return len(self.ids)

    def __repr__(self):
        links = len(self.neighbours)
        islands = int(np.sum(np.diff(self.offsets) == 0))
        return f"<equity.Weights: {len(self.ids)} areas, {links} links, {islands} island{'s' if islands != 1 else ''}>"

    @property
    def cardinalities(self):
        """Neighbour counts by id (as libpysal's `W.cardinalities`)."""
        counts = np.diff(self.offsets)
        return {i: int(c) for i, c in zip(self.ids, counts)}

    @property
    def neighbour_ids(self):
        """Neighbours by id: {id: [neighbour ids]} (as libpysal's `W.neighbors`)."""
        return {self.ids[i]: [self.ids[j] for j in self.neighbours[self.offsets[i]:self.offsets[i + 1]]]
                for i in range(len(self.ids))}

    def pairs(self):
        """One row per undirected pair of neighbours (id_a < id_b), sorted — `equity weights`'s output."""
        import pandas as pd
        rows = set()
        for i in range(len(self.ids)):
            for j in self.neighbours[self.offsets[i]:self.offsets[i + 1]]:
                a, b = self.ids[i], self.ids[int(j)]
                rows.add((a, b) if a < b else (b, a))
        return pd.DataFrame(sorted(rows), columns=["id_a", "id_b"])

    def to_libpysal(self):
        """A `libpysal.weights.W` with the same neighbours, weights and id order."""
        from libpysal.weights import W
        neighbours, weights = {}, {}
        for i, area in enumerate(self.ids):
            lo, hi = self.offsets[i], self.offsets[i + 1]
            neighbours[area] = [self.ids[j] for j in self.neighbours[lo:hi]]
            weights[area] = [float(v) for v in self.weights[lo:hi]]
        return W(neighbours, weights, id_order=list(self.ids), silence_warnings=True)


def from_libpysal(w):
    """Weights from a `libpysal.weights.W`, in its `id_order`, with its current weights (binary
    for contiguity as built; transform them in the statistic, not in libpysal, to match `equity`)."""
    ids = list(w.id_order)
    index = {area: k for k, area in enumerate(ids)}
    offsets = [0]
    neighbours, weights = [], []
    for area in ids:
        nb = w.neighbors[area]
        wt = w.weights[area]
        neighbours.extend(index[j] for j in nb)
        weights.extend(wt)
        offsets.append(len(neighbours))
    return Weights([str(i) for i in ids], offsets, neighbours, weights)


def from_pairs(ids, pairs):
    """Contiguity (binary, symmetric) weights from pairs of neighbouring ids, as `equity`'s
    `--adjacency` reads them: each pair once in either order; unknown ids are an error."""
    ids = [str(i) for i in ids]
    pairs = list(pairs)
    a = [str(p[0]) for p in pairs]
    b = [str(p[1]) for p in pairs]
    offsets, neighbours, weights = _native.weights_pairs(ids, a, b)
    return Weights(ids, offsets, neighbours, weights)


def _ragged(gdf):
    import shapely
    geoms = gdf.geometry.values
    if len(geoms) and any(g is None or g.is_empty for g in geoms):
        bad = next(k for k, g in enumerate(geoms) if g is None or g.is_empty)
        raise EquityError(f"GeoDataFrame: feature {bad + 1} has no geometry")
    kind, coords, offsets = shapely.to_ragged_array(geoms)
    if kind == shapely.GeometryType.POLYGON:
        rings, polygons = offsets
        features = np.arange(len(polygons), dtype=np.int64)
    elif kind == shapely.GeometryType.MULTIPOLYGON:
        rings, polygons, features = offsets
    elif kind in (shapely.GeometryType.POINT, shapely.GeometryType.MULTIPOINT):
        # Each point is a one-vertex ring (its own polygon), as the GeoJSON reader stores points.
        rings = polygons = np.arange(len(coords) + 1, dtype=np.int64)
        features = polygons if kind == shapely.GeometryType.POINT else offsets[0]
    else:
        raise EquityError(f"GeoDataFrame: neighbours need polygons or points, not {kind.name.lower()}s")
    coords = np.asarray(coords, dtype=np.float64)
    x = np.ascontiguousarray(coords[:, 0])
    y = np.ascontiguousarray(coords[:, 1])
    return (x, y, np.ascontiguousarray(rings, dtype=np.int64), np.ascontiguousarray(polygons, dtype=np.int64),
            np.ascontiguousarray(features, dtype=np.int64))


def _from_polygons(gdf, id, rule, k):
    if id not in gdf.columns:
        raise EquityError(f"GeoDataFrame: unknown column '{id}'; it has: {', '.join(map(str, gdf.columns))}")
    ids = ["" if v is None else str(v) for v in gdf[id].tolist()]
    lon_lat = gdf.crs is None or gdf.crs.is_geographic
    x, y, rings, polygons, features = _ragged(gdf)
    offsets, neighbours, weights = _native.weights_polygons(x, y, rings, polygons, features, ids, lon_lat, rule, k)
    return Weights(ids, offsets, neighbours, weights)


def contiguity(gdf, id, rule="queen"):
    """Queen or rook contiguity of a GeoDataFrame's polygons (shared vertices / shared edges),
    as `equity weights --contiguity RULE` builds it from the same boundaries."""
    rules = {"queen": 0, "rook": 1}
    if rule not in rules:
        raise EquityError(f"rule must be 'queen' or 'rook', not {rule!r}")
    return _from_polygons(gdf, id, rules[rule], 0)


def knn(gdf, id, k):
    """The k nearest neighbours by polygon centroid, or by point for a layer of points
    (great-circle distance for longitude/latitude data, Euclidean for projected), as
    `equity weights --knn K`. Asymmetric."""
    if int(k) < 1:
        raise EquityError("k must be at least 1")
    return _from_polygons(gdf, id, 2, int(k))
