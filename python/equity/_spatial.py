"""Global and local spatial statistics — `equity moran`, `lisa`, `geary`, `getis-ord`,
`join-count`, `lee` — on
values aligned with an `equity.Weights`. The weights cross to the library as arrays (no text)."""
import json

import numpy as np
import pandas as pd

from . import _commands, _native
from ._native import MEMORY, EquityError
from .weights import Weights


class Statistic:
    """A global statistic: one attribute per key of the command's JSON output (`I`,
    `expected_I`, `z_randomisation`, `p_sim` … for Moran's I); None where the command prints null."""

    def __init__(self, name, fields):
        self._name = name
        self._fields = dict(fields)
        for key, value in self._fields.items():
            setattr(self, key, value)

    def to_dict(self):
        """The keys and values, in the command's order."""
        return dict(self._fields)

    def __getitem__(self, key):
        return self._fields[key]

    def __repr__(self):
        shown = ", ".join(f"{k}={v!r}" for k, v in list(self._fields.items())[:6])
        return f"<equity {self._name}: {shown}, …>"


def _aligned(values, w):
    if not isinstance(w, Weights):
        raise EquityError(f"w must be an equity.Weights (equity.weights.contiguity, knn, from_pairs, from_libpysal), "
                          f"not {type(w).__name__}")
    if isinstance(values, pd.Series) and not isinstance(values.index, pd.RangeIndex):
        index = values.index.astype(str)
        if set(index) == set(w.ids) and len(index) == len(w.ids):
            values = values.set_axis(index).reindex(w.ids)
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or len(array) != len(w.ids):
        raise EquityError(f"{len(array)} values for {len(w.ids)} areas in the weights")
    return array


def _run(words, values, w, options, extra=None):
    array = _aligned(values, w)
    frame = pd.DataFrame({"id": w.ids, "value": array})
    if extra is not None:
        for name, column in extra.items():
            frame[name] = _aligned(column, w)
    inputs = [(MEMORY + "values", "values", _commands.dataframe_bytes(frame))]
    args = list(words) + ["--input", MEMORY + "values", "--id", "id", "--value", "value", "--weights", MEMORY + "weights.gwt"]
    args = _commands.arguments(args, None, options, inputs)
    return _native.run(args, inputs=inputs, weights=[(MEMORY + "weights.gwt", w)])


def _global(name, words, values, w, options):
    out = _run(words + ["--format", "json"], values, w, options)
    return Statistic(name, json.loads(out.decode("utf-8")))


def _local(words, values, w, options, extra=None):
    out = _run(words, values, w, options, extra)
    return _commands.read_table(out, ["id"])


def moran(values, w, permutations=0, seed=1, transform="R", **options):
    """Global Moran's I (spdep `moran.test`, esda `Moran`) — `equity moran`: an object whose
    attributes are the command's JSON keys (`I`, `expected_I`, `variance_randomisation`,
    `z_randomisation`, `p_randomisation`, `p_sim` …). Options as the command's (`exact=True`,
    `draws=`)."""
    return _global("moran", ["moran"], values, w, dict(permutations=permutations, seed=seed, transform=transform, **options))


def lisa(values, w, permutations=999, seed=1, alpha=0.05, transform="R", **options):
    """Local Moran's I with conditional-randomisation pseudo p-values and cluster labels (esda
    `Moran_Local`, spdep `localmoran_perm`) — `equity lisa`: a DataFrame with the command's
    columns (id, value, z, lag, Ii, quadrant, p_sim, cluster). Options: fdr=, bonferroni=,
    moments="conditional"|"total", draws=, scale=."""
    return _local(["lisa"], values, w, dict(permutations=permutations, seed=seed, alpha=alpha, transform=transform, **options))


def geary(values, w, permutations=0, seed=1, transform="R", local=False, **options):
    """Geary's C (spdep `geary.test`, esda `Geary`) — `equity geary`: a global statistic object
    (keys `C`, `expected_C` …); with `local=True`, local Geary per area as a DataFrame."""
    opts = dict(permutations=permutations, seed=seed, transform=transform, **options)
    if local:
        opts.setdefault("permutations", 999)
        return _local(["geary", "--local"], values, w, opts)
    return _global("geary", ["geary"], values, w, opts)


def getis_ord(values, w, permutations=0, seed=1, transform=None, local=False, star=False, **options):
    """Getis–Ord G (spdep `globalG.test`, esda `G`) — `equity getis-ord`: a global statistic
    object (keys `G`, `expected_G` …); with `local=True`, Gᵢ (or Gᵢ* with `star=True`) per area."""
    opts = dict(permutations=permutations, seed=seed, transform=transform, **options)
    if local:
        return _local(["getis-ord", "--local"] + (["--star"] if star else []), values, w, opts)
    return _global("getis_ord", ["getis-ord"], values, w, opts)


def join_count(values, w, permutations=999, seed=1, alpha=0.05, categories=False, **options):
    """Local join counts for a binary map (esda `Join_Counts_Local`; 1 = e.g. "worse than
    England") — `equity join-count`: a DataFrame (id, value, ljc, p_sim, significant). Options:
    quantile="K,Q" (GeoDa's quantile LISA), fdr=, bonferroni=, draws=. With `categories=True`,
    the global join counts per category instead (spdep `joincount.test`; sampling=)."""
    opts = dict(permutations=permutations, seed=seed, alpha=alpha, **options)
    if categories:
        opts = {k: v for k, v in opts.items() if k not in ("permutations", "alpha")}
        return _commands.read_table(_run(["join-count", "--global"], values, w, opts), ["category"])
    return _local(["join-count"], values, w, opts)


def lee(y, x, w, permutations=None, seed=1, local=False, **options):
    """Lee's L of x and y (esda `Spatial_Pearson`) — `equity lee`: a global statistic object (keys
    `L`, `L_xx`, `L_yy`, `p_sim` …); with `local=True` (esda `Spatial_Pearson_Local`) a DataFrame
    (id, x, y, L_i, p_sim, quadrant, cluster; 999 permutations unless given). Options: alpha=,
    fdr=, bonferroni=, draws=, transform=."""
    opts = dict(seed=seed, x="x", **options)
    if permutations is not None:
        opts["permutations"] = permutations
    words = ["lee", "--local"] if local else ["lee", "--format", "json"]
    out = _run(words, y, w, opts, extra={"x": x})
    if local:
        return _commands.read_table(out, ["id"])
    return Statistic("lee", json.loads(out.decode("utf-8")))
