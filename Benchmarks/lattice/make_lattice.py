"""A synthetic lattice of N × N unit squares as GeoJSON (ids "r{row}c{col}") with a smooth
spatially autocorrelated value plus noise — the scale test past LSOAs (1,000 × 1,000 = 1M areas).

    python3 Benchmarks/lattice/make_lattice.py 1000 /tmp/lattice_1000.geojson
"""
import math, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
out = sys.argv[2] if len(sys.argv) > 2 else f"/tmp/lattice_{n}.geojson"
rng = random.Random(1)
with open(out, "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    for r in range(n):
        rows = []
        for c in range(n):
            v = math.sin(r / 37.0) + math.cos(c / 53.0) + rng.gauss(0, 0.5)
            rows.append('{"type":"Feature","properties":{"id":"r%dc%d","v":%.6f},"geometry":{"type":"Polygon","coordinates":[[[%d,%d],[%d,%d],[%d,%d],[%d,%d],[%d,%d]]]}}'
                        % (r, c, v, c, r, c + 1, r, c + 1, r + 1, c, r + 1, c, r))
        f.write(",\n".join(rows) + ("\n]}\n" if r == n - 1 else ",\n"))
