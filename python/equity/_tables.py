"""Funnel plots, inequality indices and the indicator table — `equity funnel`, `sii`, `gini`,
`twenty-twenty`, `compare`, `trend` — each a DataFrame (or CSV path) in, a DataFrame out with
the command's columns; the command's options as keyword arguments."""
from . import _commands


def funnel(df, statistic, numerator, denominator=None, **options):
    """Funnel-plot control limits and each area's position (PHE `phe_funnel`/PHStatsMethods
    `ph_funnel`) — `equity funnel` (statistic="proportion"|"ratio"|"rate"; rate=, rate_type=,
    ratio_type=, multiplier=, years_of_data=, polarity=)."""
    return _commands.table(["funnel"], df, statistic=statistic, numerator=numerator, denominator=denominator, **options)


def sii(df, quantile_column, population, value, **options):
    """Slope index of inequality with simulated limits (PHE `phe_sii`) — `equity sii`
    (value_type=, numerator=, se=, lower_cl=, upper_cl=, multiplier=, repetitions=, rii=,
    log_scale=, seed=, group_by=, confidence=)."""
    return _commands.table(["sii"], df, quantile_column=quantile_column, population=population, value=value, **options)


def gini(df, value, **options):
    """Gini coefficient (weighted, with Davidson's standard error or bootstrap limits),
    concentration index and Atkinson — `equity gini` (weight=, group_by=, bootstrap=, seed=,
    epsilon=, rank_by=, correction=, bounds=, confidence=)."""
    return _commands.table(["gini"], df, value=value, **options)


def twenty_twenty(df, **options):
    """The 20:20 index of a deprivation-decile table — `equity twenty-twenty` (area_column=,
    area_name_column=, decile=)."""
    return _commands.table(["twenty-twenty"], df, **options)


def compare(df, indicators=None, comparators=None, **options):
    """Fingertips-style comparisons (Better/Similar/Worse against England, the region and
    neighbours, with the recent trend) — `equity compare`. `df`: a Fingertips export or Equity's
    indicator table (DataFrame or path); `indicators`/`comparators`: DataFrames or paths."""
    return _commands.table(["compare"], df, indicators=indicators, comparators=comparators, **options)


def trend(df, indicators=None, comparators=None, **options):
    """Recent trends (Fingertips' rule: the five latest valid points) — `equity trend` (apc=, area=)."""
    return _commands.table(["trend"], df, indicators=indicators, comparators=comparators, **options)
