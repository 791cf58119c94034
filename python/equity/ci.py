"""Confidence intervals for public-health indicators — `equity ci …` (PHEindicatormethods
methods): each function takes a DataFrame (or a CSV path) and the command's options as keyword
arguments, and returns a DataFrame with the command's columns."""
import numpy as np
import pandas as pd

from . import _commands, _native


def _levels(confidence):
    if isinstance(confidence, (list, tuple, np.ndarray)):
        return [float(c) for c in confidence]
    return [float(confidence)]


def _doubles(column):
    """A float64 column as the array pandas holds (no copy); other numeric columns converted once
    (integers to doubles, missing values to NaN)."""
    if column.dtype == np.float64:
        return column.to_numpy(copy=False)
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def _rowwise(statistic, df, numerator, denominator, multiplier, confidence):
    """The zero-copy path for ungrouped proportions and rates: None when the command must run."""
    if not isinstance(df, pd.DataFrame):
        return None
    if numerator not in df.columns or denominator not in df.columns:
        return None
    x, d = df[numerator], df[denominator]
    if not (pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(d)) or pd.api.types.is_bool_dtype(x) or pd.api.types.is_bool_dtype(d):
        return None
    if isinstance(multiplier, bool) or not isinstance(multiplier, (int, float, np.integer, np.floating)):
        return None
    r = _native.rowwise(statistic, _doubles(x), _doubles(d),
                        float(multiplier), _levels(confidence))
    if r is None:
        return None
    out = df.copy()
    columns = r["columns"]
    limits = columns[1:-4]
    out[columns[0]] = r["value"]
    for k in range(len(limits) // 2):
        out[limits[2 * k]] = r["lower"][k]
        out[limits[2 * k + 1]] = r["upper"][k]
    n = len(df)
    out["confidence"] = [r["confidence"]] * n
    out["statistic"] = [r["statistic"]] * n
    methods = np.array(r["methods"] + [np.nan], dtype=object)
    out["method"] = methods[r["method"]] if n else np.array([], dtype=object)
    notes = np.array([np.nan] + r["notes"][1:], dtype=object)
    out["note"] = notes[r["note"]] if n else np.array([], dtype=object)
    return out


def _rowwise_or_command(statistic, words, df, numerator, denominator, multiplier, confidence, group_by, options, names):
    """Ungrouped numeric columns with no other options take the zero-copy path; anything else (or
    a row the fast path leaves to the command) runs the command itself, so messages are the CLI's."""
    if group_by is None and not options:
        fast = _rowwise(statistic, df, numerator, denominator, multiplier, confidence)
        if fast is not None:
            return fast
    return _commands.table(words, df, **{names[0]: numerator, names[1]: denominator}, multiplier=multiplier,
                           confidence=confidence, group_by=group_by, **options)


def proportion(df, numerator, denominator, multiplier=1, confidence=0.95, group_by=None, **options):
    """Proportions with Wilson score limits (PHE `phe_proportion`) — `equity ci proportion`.
    Ungrouped numeric columns go to the library without copies; grouped (counts summed per
    group) or unusual input runs the command itself."""
    return _rowwise_or_command(0, ["ci", "proportion"], df, numerator, denominator, multiplier, confidence, group_by, options,
                               ("numerator", "denominator"))


def rate(df, count, population, multiplier=100000, confidence=0.95, group_by=None, **options):
    """Crude rates with exact Poisson (< 10 events) or Byar's limits (PHE `phe_rate`) — `equity ci rate`."""
    return _rowwise_or_command(1, ["ci", "rate"], df, count, population, multiplier, confidence, group_by, options,
                               ("count", "population"))


def dsr(df, count, population, confidence=0.95, group_by=None, **options):
    """Directly standardised rates with Dobson limits (PHE `calculate_dsr`) — `equity ci dsr`
    (age_band=, standard_population=, event_frequency=, multiplier=)."""
    return _commands.table(["ci", "dsr"], df, count=count, population=population, confidence=confidence, group_by=group_by,
                           **options)


def isr(df, count, population, reference_count=None, reference_population=None, confidence=0.95, group_by=None, **options):
    """Indirectly standardised rates or ratios (PHE `calculate_ISRate`/`calculate_ISRatio`) —
    `equity ci isr` (statistic="rate"|"ratio", observed_totals=, observed_column=, multiplier=)."""
    return _commands.table(["ci", "isr"], df, count=count, population=population, reference_count=reference_count,
                           reference_population=reference_population, confidence=confidence, group_by=group_by, **options)


def mean(df, value, confidence=0.95, group_by=None, **options):
    """Means with Student's t limits (PHE `phe_mean`) — `equity ci mean` (drop_missing=)."""
    return _commands.table(["ci", "mean"], df, value=value, confidence=confidence, group_by=group_by, **options)


def life_expectancy(df, deaths, population, age_band, confidence=0.95, group_by=None, **options):
    """Life expectancy by the Chiang II method with Silcocks' limits (PHE `phe_life_expectancy`)
    — `equity ci life-expectancy` (age_contents=, le_age=)."""
    return _commands.table(["ci", "life-expectancy"], df, deaths=deaths, population=population, age_band=age_band,
                           confidence=confidence, group_by=group_by, **options)


def quantile(df, value, quantiles=10, group_by=None, **options):
    """Quantiles (e.g. deprivation deciles) by PHE's `phe_quantile` — `equity ci quantile`
    (invert=, invert_column=)."""
    return _commands.table(["ci", "quantile"], df, value=value, quantiles=quantiles, group_by=group_by, **options)
