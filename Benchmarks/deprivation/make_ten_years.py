"""Ten years of LSOA counts for the deprivation-SII benchmark: England's 32,844 LSOAs (IoD 2019
income score, mid-2015 population) × 2014–2023, deaths drawn deterministically around a rate
that rises with deprivation (about 1% a year of the population at the least deprived end, 2% at
the most). Writes CSV to the path given (default /tmp/deprivation_10_years.csv).

    python3 Benchmarks/deprivation/make_ten_years.py [OUT]
"""
import csv, gzip, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/deprivation_10_years.csv"
rows = list(csv.DictReader(gzip.open("Fixtures/deprivation/england_lsoa11_iod2019.csv.gz", "rt")))
rng = random.Random(2019)
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["year", "lsoa11cd", "income_score", "population", "deaths"])
    for year in range(2014, 2024):
        for r in rows:
            pop = int(r["pop_mid2015"])
            score = float(r["income_score"])
            expected = pop * (0.01 + 0.02 * score) * (1 + 0.01 * (year - 2014))
            w.writerow([year, r["lsoa11cd"], r["income_score"], pop, max(0, round(rng.gauss(expected, expected ** 0.5)))])
