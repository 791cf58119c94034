#!/usr/bin/env python3
"""Builds the Luton Marmot indicator demo data (data.csv, indicators.csv, comparators.csv).

The Luton, England and East of England values of the two published periods are typed from the BI
team's published table (shared/fixtures/seed/luton-marmot-indicators.csv) into TABLE below.
Everything else is ILLUSTRATIVE, made up so the demo can run end to end: counts and denominators
behind those values, confidence limits, earlier periods (for trends) and the values of the 15
statistical neighbours. Deterministic (seeded).
"""
import csv, math, random

random.seed(2026)
LUTON, ENGLAND, REGION = "E06000032", "E92000001", "E12000006"
NEIGHBOURS = [("E06000039", "Slough"), ("E08000032", "Bradford"), ("E06000008", "Blackburn with Darwen"),
              ("E08000004", "Oldham"), ("E08000028", "Sandwell"), ("E06000016", "Leicester"), ("E06000031", "Peterborough"),
              ("E08000030", "Walsall"), ("E08000031", "Wolverhampton"), ("E08000001", "Bolton"), ("E06000015", "Derby"),
              ("E08000026", "Coventry"), ("E08000005", "Rochdale"), ("E08000034", "Kirklees"), ("E06000038", "Reading")]

# (id, group, name, unit, polarity, value_type, multiplier, [(period, luton, england, region)]) — typed from the seed.
TABLE = [
 ("le_m", "0 Life expectancy", "Life expectancy, male", "years", "high_is_good", "life_expectancy", 1, [("2018-20", 78.1, 79.4, 80.2), ("2020-22", 77.0, 78.9, 79.8)]),
 ("le_f", "0 Life expectancy", "Life expectancy, female", "years", "high_is_good", "life_expectancy", 1, [("2018-20", 82.4, 83.1, 83.8), ("2020-22", 81.3, 82.8, 83.5)]),
 ("hle_m", "0 Life expectancy", "Healthy life expectancy, male", "years", "high_is_good", "life_expectancy", 1, [("2018-20", 59.2, 63.1, 64.6)]),
 ("hle_f", "0 Life expectancy", "Healthy life expectancy, female", "years", "high_is_good", "life_expectancy", 1, [("2018-20", 60.0, 63.9, 65.0)]),
 ("gld_eyfs", "1 Give every child the best start in life", "Children achieving a good level of development at the end of Early Years", "percent", "high_is_good", "proportion", 100, [("2021/22", 56.6, 65.2, 56.6), ("2022/23", 61.1, 67.2, 67.2)]),
 ("infant_mort", "1 Give every child the best start in life", "Infant mortality (deaths under 1 year per 1,000 live births)", "per 1,000", "low_is_good", "crude_rate", 1000, [("2019-21", 5.7, 3.9, 3.4), ("2020-22", 6.1, 3.9, 3.4)]),
 ("dental", "1 Give every child the best start in life", "5 year olds with experience of visually obvious dental decay", "percent", "low_is_good", "proportion", 100, [("2018/19", 36.8, 23.4, 19.0), ("2021/22", 36.5, 23.7, 19.3)]),
 ("child_poverty", "1 Give every child the best start in life", "Child poverty (after housing costs)", "percent", "low_is_good", "proportion", 100, [("2021/22", 39.1, 30.8, 23.6), ("2022/23", 39.4, 30.0, 23.0)]),
 ("attainment8", "2 Maximise capabilities", "Average Attainment 8 score", "score", "high_is_good", "score", 1, [("2022", 46.0, 47.2, 49.1), ("2023", 44.5, 44.7, 46.6)]),
 ("self_harm", "2 Maximise capabilities", "Hospital admissions for self-harm, aged 10-24 (per 100,000)", "per 100,000", "low_is_good", "crude_rate", 100000, [("2021/22", 352.4, 427.3, 383.5), ("2022/23", 230.0, 319.0, 281.4)]),
 ("yr6_obese", "2 Maximise capabilities", "Children overweight or obese at Year 6", "percent", "low_is_good", "proportion", 100, [("2021/22", 43.6, 37.8, 35.4), ("2022/23", 42.5, 36.6, 34.2)]),
 ("claimants", "3 Fair employment and good work", "Unemployment claimant count (% working age residents)", "percent", "low_is_good", "proportion", 100, [("2023", 5.7, 3.9, 3.0), ("2024", 6.0, 3.9, 3.1)]),
 ("higher_occ", "3 Fair employment and good work", "Residents in higher-level occupations", "percent", "high_is_good", "proportion", 100, [("2022", 35.6, 51.0, 50.6), ("2023", 41.4, 53.3, 53.4)]),
 ("workless", "4 Healthy standard of living", "Children in workless households", "percent", "low_is_good", "proportion", 100, [("2021", 11.1, 9.9, 7.7), ("2022", 4.8, 10.2, 7.6)]),
 ("fuel_poverty", "4 Healthy standard of living", "Households in fuel poverty", "percent", "low_is_good", "proportion", 100, [("2021", 16.7, 13.1, 12.3), ("2022", 13.0, 13.1, 10.0)]),
 ("temp_accom", "5 Healthy and sustainable places", "Households in temporary accommodation (per 1,000 households)", "per 1,000", "low_is_good", "crude_rate", 1000, [("2022/23", 13.5, 3.2, 2.6), ("2023/24", 13.9, 3.7, 2.8)]),
 ("smoking", "6 Prevention of ill health", "Smoking prevalence (% adults 18+)", "percent", "low_is_good", "proportion", 100, [("2021", 14.1, 13.0, 12.9), ("2022", 21.1, 12.7, 13.2)]),
 ("adult_obese", "6 Prevention of ill health", "Adults overweight or obese (% adults 18+)", "percent", "low_is_good", "proportion", 100, [("2020/21", 67.5, 63.5, 64.0), ("2022/23", 63.4, 64.0, 64.8)]),
 ("cycling", "8 Environment", "Cycling or walking for travel (3-5 times a week)", "percent", "high_is_good", "proportion", 100, [("2021", 58.9, 71.2, 71.9), ("2022", 55.9, 70.6, 72.0)]),
]
# Illustrative denominators: the population behind each value (area, England, region).
DENOMINATOR = {"percent": (2500, 2_000_000, 200_000), "per 1,000": (9000, 1_800_000, 180_000), "per 100,000": (40_000, 10_000_000, 1_100_000)}

def period_shift(period, k):
    """The period k years before (for illustrative history): 2022/23 → 2021/22, 2023 → 2022."""
    if "/" in period:
        y = int(period[:4]) - k
        return f"{y}/{str(y + 1)[2:]}"
    if "-" in period:
        a, b = period.split("-"); span = int(b) - int(a[2:]) + 1 if len(b) == 2 else 3
        y = int(a) - k * span
        return f"{y}-{str(y + span - 1)[2:]}"
    return str(int(period) - k)

data, indicators = [], []
for ind, group, name, unit, pol, vtype, mult, points in TABLE:
    indicators.append([ind, name, vtype, mult, pol, "ci95", group, unit])
    # Three illustrative earlier annual points before the first published one, drifting towards it.
    first = points[0]
    history = []
    if vtype in ("proportion", "crude_rate") and "-" not in first[0]:
        for k in (3, 2, 1):
            drift = 1 + random.uniform(-0.04, 0.06) * k
            history.append((period_shift(first[0], k), first[1] * drift, first[2] * (1 + 0.01 * k), first[3] * (1 + 0.01 * k)))
    for period, lv, ev, rv in history + points:
        areas = [(LUTON, "Luton", "UA", lv), (ENGLAND, "England", "England", ev), (REGION, "East of England", "Region", rv)]
        for code, nm in NEIGHBOURS:
            if lv == lv and lv is not None:
                areas.append((code, nm, "UA", lv * random.uniform(0.8, 1.2)))
        for code, nm, atype, v in areas:
            if v is None:
                continue
            if vtype in ("proportion", "crude_rate"):
                d = DENOMINATOR[unit if unit in DENOMINATOR else "percent"]
                n = d[0] if atype == "UA" else (d[1] if atype == "England" else d[2])
                n = int(n * random.uniform(0.9, 1.1))
                x = round(v / mult * n)
                data.append([ind, code, nm, atype, period, x, n, "", "", ""])
            else:
                half = {"life_expectancy": 0.7 if atype == "UA" else 0.05, "score": 0.9 if atype == "UA" else 0.05}[vtype]
                data.append([ind, code, nm, atype, period, "", "", round(v, 2), round(v - half, 2), round(v + half, 2)])

with open("data.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["indicator_id", "area_code", "area_name", "area_type", "period", "count", "denominator", "value", "lowercl", "uppercl"])
    w.writerows(data)
with open("indicators.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["indicator_id", "name", "value_type", "multiplier", "polarity", "benchmark", "group", "unit"])
    w.writerows(indicators)
with open("comparators.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["area_code", "comparator", "comparator_code"])
    for code in [LUTON] + [c for c, _ in NEIGHBOURS]:
        w.writerow([code, "england", ENGLAND])
    w.writerow([LUTON, "region", REGION])
    for c, _ in NEIGHBOURS:
        w.writerow([LUTON, "neighbours", c])
