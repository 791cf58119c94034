#!/usr/bin/env python3
"""Writes luton_marmot_export.csv: the Luton Marmot demo data (../luton_marmot/) laid out exactly
as a Fingertips export is downloaded (website "Export table as CSV" / API all_data/csv: the 26
columns of PholioVisualisation's CsvBuilderIndicatorDataHeaderWriter plus "Time period range"),
and luton_marmot_metadata.csv with what exports lack (polarity, value type, unit, decimals).

It is NOT a real Fingertips download (this machine cannot reach fingertips.phe.org.uk). It has
what a real one has, so the reader is exercised on it:
  * the header, spelling and order of a real export; numeric indicator IDs; "Persons"/"Male"/
    "Female" sexes with life expectancy as one indicator per sex; Fingertips' period spellings
    ("2018 - 20", "2021/22"); counts with thousands separators ("1,480", quoted);
  * England (E92000001), the East of England region (E12000006) and each local authority's
    real region as Parent Code; a Category Type / Category breakdown (smoking by deprivation
    decile, England only); a value suppressed for disclosure control; region values published
    without confidence limits ("Aggregated from all known lower geography values"); one area
    code written with a trailing space;
  * "Compared to England/Region value or percentiles": for Luton in the two published periods, the
    RAG ratings of the Luton BI team's published table (seed/luton-marmot-indicators.csv:
    R -> Worse, A -> Same, G -> Better); for every other row, the label that Fingertips' rule
    gives on this file's own limits, computed here independently of Equity (an interval that
    contains the comparator is "Same"; below/above -> Worse/Better by polarity; no limits or
    no comparator -> "Not compared").
Values of Luton, England and the region in the published periods are the published ones;
everything else (limits, counts, earlier periods, neighbours, deciles) is illustrative, as in
../luton_marmot/README.md.
"""
import csv, math, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.dirname(HERE)
random.seed(11)

REGION_OF = {"E06000032": "E12000006", "E06000039": "E12000008", "E08000032": "E12000003", "E06000008": "E12000002",
             "E08000004": "E12000002", "E08000028": "E12000005", "E06000016": "E12000004", "E06000031": "E12000006",
             "E08000030": "E12000005", "E08000031": "E12000005", "E08000001": "E12000002", "E06000015": "E12000004",
             "E08000026": "E12000005", "E08000005": "E12000002", "E08000034": "E12000003", "E06000038": "E12000008"}
REGION_NAME = {"E12000002": "North West region (statistical)", "E12000003": "Yorkshire and the Humber region (statistical)",
               "E12000004": "East Midlands region (statistical)", "E12000005": "West Midlands region (statistical)",
               "E12000006": "East of England region (statistical)", "E12000008": "South East region (statistical)"}
# Local id -> (Fingertips-style numeric id, indicator name in the export, sex).
IDS = {"le_m": (90366, "Life expectancy at birth", "Male"), "le_f": (90366, "Life expectancy at birth", "Female"),
       "hle_m": (90362, "Healthy life expectancy at birth", "Male"), "hle_f": (90362, "Healthy life expectancy at birth", "Female")}
NEXT = [93000]

def fid(local, name):
    if local in IDS:
        return IDS[local]
    NEXT[0] += 1
    IDS[local] = (NEXT[0], name, "Persons")
    return IDS[local]

def fmt(x):
    if x == "" or x is None:
        return ""
    v = float(x)
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)

def grouped(x):
    if x == "":
        return ""
    v = float(x)
    return f"{int(v):,}" if v == int(v) else f"{v:,}"

def period(p):
    # Fingertips writes pooled calendar years with spaces round the dash.
    if len(p) == 7 and p[4] == "-" and p[:4].isdigit():
        return p[:4] + " - " + p[5:]
    return p

Z95, Z998 = 1.959963984540054, 3.090232306167813

def wilson(x, n, z):
    p = x / n
    c, d = 2 * x + z * z, z * math.sqrt(z * z + 4 * x * (1 - p))
    return (c - d) / (2 * (n + z * z)), (c + d) / (2 * (n + z * z))

def byars(x, z):
    lo = 0 if x == 0 else x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return lo, hi

def fingertips_label(value, lo, hi, comparator, polarity):
    if value == "" or lo == "" or hi == "" or comparator in ("", None):
        return "Not compared"
    lo, hi, c = float(lo), float(hi), float(comparator)
    if lo <= c <= hi:
        return "Same"
    higher = lo > c
    if polarity == "high_is_good":
        return "Better" if higher else "Worse"
    if polarity == "low_is_good":
        return "Worse" if higher else "Better"
    return "Higher" if higher else "Lower"

indicators = {r["indicator_id"]: r for r in csv.DictReader(open(os.path.join(FIX, "luton_marmot/indicators.csv")))}
data = list(csv.DictReader(open(os.path.join(FIX, "luton_marmot/data.csv"))))
seed = list(csv.DictReader(open(os.path.join(FIX, "seed/luton-marmot-indicators.csv"))))
name_to_id = {r["name"]: k for k, r in indicators.items()}
published = {}
rag_word = {"R": "Worse", "A": "Same", "G": "Better"}
for s in seed:
    k = name_to_id.get(s["indicator"])
    if k:
        published[(k, s["period"])] = (rag_word.get(s["rag_vs_england"], "Not compared"), rag_word.get(s["rag_vs_region"], "Not compared"))

rows = []
for r in data:
    ind = indicators[r["indicator_id"]]
    value, lo, hi = r["value"], r["lowercl"], r["uppercl"]
    lo998 = hi998 = ""
    x, n = r["count"], r["denominator"]
    if value == "" and x != "" and n != "":
        xv, nv, m = float(x), float(n), float(ind["multiplier"])
        value = repr(xv / nv * m)
        if ind["value_type"] == "proportion":
            a, b = wilson(xv, nv, Z95), wilson(xv, nv, Z998)
            lo, hi, lo998, hi998 = (repr(v * m) for v in (a[0], a[1], b[0], b[1]))
        else:
            a, b = byars(xv, Z95), byars(xv, Z998)
            lo, hi, lo998, hi998 = (repr(v / nv * m) for v in (a[0], a[1], b[0], b[1]))
    rows.append(dict(local=r["indicator_id"], area=r["area_code"], name=r["area_name"], type=r["area_type"], period=r["period"],
                     value=value, lo=lo, hi=hi, lo998=lo998, hi998=hi998, count=x, denom=n, note=""))

# Region rows published without limits (aggregated from lower geographies).
for row in rows:
    if row["area"] == "E12000006" and row["local"] in ("claimants", "fuel_poverty"):
        row["lo"] = row["hi"] = row["lo998"] = row["hi998"] = ""
        row["note"] = "Aggregated from all known lower geography values"
# A value suppressed for disclosure control.
for row in rows:
    if row["area"] == "E06000038" and row["local"] == "infant_mort" and row["period"] == "2020-22":
        row.update(value="", lo="", hi="", lo998="", hi998="", count="", note="Value suppressed for disclosure control due to small count")

def value_of(local, area, p):
    for row in rows:
        if row["local"] == local and row["area"] == area and row["period"] == p:
            return row["value"]
    return ""

header = ["Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age",
          "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
          "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
          "Compared to England value or percentiles", "Compared to Region value or percentiles", "Time period Sortable",
          "New data", "Compared to goal", "Time period range"]
out = []
for row in rows:
    ind = indicators[row["local"]]
    num, name, sex = fid(row["local"], ind["name"])
    area = row["area"]
    parent = "" if area == "E92000001" else ("E92000001" if area.startswith("E12") else REGION_OF.get(area, ""))
    parent_name = "England" if parent == "E92000001" else REGION_NAME.get(parent, "")
    area_type = {"England": "England", "Region": "Regions (statistical)"}.get(row["type"], "Counties & UAs (from Apr 2023)")
    eng = fingertips_label(row["value"], row["lo"], row["hi"], value_of(row["local"], "E92000001", row["period"]), ind["polarity"])
    reg = fingertips_label(row["value"], row["lo"], row["hi"], value_of(row["local"], parent, row["period"]), ind["polarity"]) \
        if parent.startswith("E12") else ""
    if area == "E92000001":
        eng = ""
    if area == "E06000032" and (row["local"], row["period"]) in published:
        eng, reg = published[(row["local"], row["period"])]
    p = period(row["period"])
    years = p.replace(" ", "")
    rng = "3y" if "-" in years else "1y"
    sortable = years[:4] + "0000"
    code = area + (" " if area == "E06000039" and row["local"] == "smoking" and row["period"] == "2022" else "")
    out.append([num, name, parent, parent_name, code, row["name"], area_type, sex, "All ages", "", "", p, fmt(row["value"]),
                fmt(row["lo"]), fmt(row["hi"]), fmt(row["lo998"]), fmt(row["hi998"]), grouped(row["count"]), grouped(row["denom"]),
                row["note"], "", eng, reg, sortable, "", "", rng])

# Smoking by deprivation decile in England (illustrative values around England's), two periods.
smoking = next(r for r in rows if r["local"] == "smoking" and r["area"] == "E92000001" and r["period"] == "2022")
num, name, _ = IDS["smoking"]
for p in ("2021", "2022"):
    for d in range(1, 11):
        base = float(value_of("smoking", "E92000001", p))
        v = round(base * (1.6 - 0.12 * (d - 1)) + random.uniform(-0.4, 0.4), 2)
        n = 18000 + 500 * d
        x = round(n * v / 100)
        a, b = wilson(x, n, Z95), wilson(x, n, Z998)
        cat = ["Most deprived decile", "Second most deprived decile", "Third more deprived decile", "Fourth more deprived decile",
               "Fifth more deprived decile", "Fifth less deprived decile", "Fourth less deprived decile", "Third less deprived decile",
               "Second least deprived decile", "Least deprived decile"][d - 1] + " (IMD2019)"
        out.append([num, name, "", "", "E92000001", "England", "England", "Persons", "18+ yrs",
                    "County & UA deprivation deciles in England (IMD2019, 4/21 geog.)", cat, p, repr(x / n * 100),
                    repr(a[0] * 100), repr(a[1] * 100), repr(b[0] * 100), repr(b[1] * 100), grouped(x), grouped(n), "", "",
                    fingertips_label(repr(x / n * 100), repr(a[0] * 100), repr(a[1] * 100), value_of("smoking", "E92000001", p), "low_is_good"),
                    "", p + "0000", "", "", "1y"])

with open(os.path.join(HERE, "luton_marmot_export.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(out)

with open(os.path.join(HERE, "luton_marmot_metadata.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["indicator_id", "polarity", "value_type", "unit", "decimals", "group", "benchmark"])
    done = set()
    for local, ind in indicators.items():
        num, name, _ = IDS[local]
        if num in done:
            continue
        done.add(num)
        w.writerow([num, ind["polarity"], ind["value_type"], ind["unit"], 1, ind["group"], ind["benchmark"]])
print(len(out), "rows")
