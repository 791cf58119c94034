"""Equity from Python: health-inequality statistics computed by Equity's Swift engine in this
process, returning pandas objects with the `equity` command's columns and numbers.

    import equity
    equity.ci.proportion(df, numerator="smokers", denominator="adults", multiplier=100)
    w = equity.weights.contiguity(gdf, id="lsoa11cd", rule="queen")
    equity.moran(gdf["income_score"], w, permutations=9999).p_sim
"""
from . import ci, weights
from ._native import EquityError, EquityWarning, version as __version__
from ._spatial import Statistic, geary, getis_ord, join_count, lee, lisa, moran
from ._tables import compare, funnel, gini, sii, trend, twenty_twenty
from .weights import Weights

# Shown as `equity.EquityError` in tracebacks (where users catch it), not the private module.
EquityError.__module__ = EquityWarning.__module__ = "equity"

__all__ = ["ci", "weights", "Weights", "EquityError", "EquityWarning", "Statistic", "moran", "lisa", "geary", "getis_ord", "join_count", "lee",
           "funnel", "sii", "gini", "twenty_twenty", "compare", "trend", "__version__"]
