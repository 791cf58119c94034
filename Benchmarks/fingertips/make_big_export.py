#!/usr/bin/env python3
"""Writes a large synthetic Fingertips export (the 27 columns of a real download) for the
indicator benchmark: 200 indicators x 6,250 areas x 4 periods = 5,000,000 rows by default
(England, 9 regions and 6,240 small areas with their region as Parent Code), plus a metadata
file. Usage: make_big_export.py OUT_DIR [rows_per_period_areas]"""
import os, random, sys

out = sys.argv[1]
areas_n = int(sys.argv[2]) if len(sys.argv) > 2 else 6250
os.makedirs(out, exist_ok=True)
random.seed(5)
indicators = 200
periods = ["2019/20", "2020/21", "2021/22", "2022/23"]
regions = [f"E120000{k:02d}" for k in range(1, 10)]
areas = [("E92000001", "England", "England", "")] + [(r, f"Region {k}", "Regions (statistical)", "E92000001") for k, r in enumerate(regions)]
k = 0
while len(areas) < areas_n:
    r = regions[k % 9]
    areas.append((f"E0{1000000 + k}", f"Area {k}", "Small areas", r))
    k += 1
header = ("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,"
          "Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,"
          "Value note,Recent Trend,Compared to England value or percentiles,Compared to Region value or percentiles,"
          "Time period Sortable,New data,Compared to goal,Time period range\n")
with open(os.path.join(out, "export.csv"), "w") as f:
    f.write(header)
    for i in range(indicators):
        base = 5 + (i % 50)
        for t, p in enumerate(periods):
            for code, name, kind, parent in areas:
                v = base * (1 + 0.1 * random.random()) + 0.2 * t
                n = 1000 + (hash(code) % 9000)
                x = round(v * n / 100)
                h = 1.96 * (v * (100 - v) / n) ** 0.5
                f.write(f"{9000 + i},Indicator {i},{parent},,{code},{name},{kind},Persons,All ages,,,{p},{v:.4f},{v - h:.4f},{v + h:.4f},"
                        f"{v - 1.58 * h:.4f},{v + 1.58 * h:.4f},\"{x:,}\",\"{n:,}\",,,,,{p[:4]}0000,,,1y\n")
with open(os.path.join(out, "metadata.csv"), "w") as f:
    f.write("indicator_id,polarity,value_type,unit,decimals\n")
    for i in range(indicators):
        f.write(f"{9000 + i},{'high_is_good' if i % 2 else 'low_is_good'},proportion,percent,1\n")
print(indicators * len(periods) * len(areas), "rows")
