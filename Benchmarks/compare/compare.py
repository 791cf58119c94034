"""Times Equity and its peers (PySAL esda/libpysal, PHStatsMethods) on the same inputs, whole
process each, and checks that the numbers agree. Prints a Markdown table. Called by run.sh."""
import argparse, json, os, platform, statistics, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--equity", required=True)
ap.add_argument("--shared", required=True)
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--work", required=True)
ap.add_argument("--only", choices=["all", "processes", "pygeoda", "inprocess"], default="all",
                help="one part: whole processes against PySAL/PHStatsMethods, pygeoda, or in-process calls")
a = ap.parse_args()
S = a.shared
PY = sys.executable

def timed(cmd, runs):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        out = p.stdout
    return statistics.median(times), out

def py(code):
    return [PY, "-c", code]

# Inputs.
values = f"{S}/deprivation/england_lsoa11_iod2019.csv.gz"
edges = f"{S}/adjacency/england_lsoa11_bgc_queen_edges.csv.gz"
boundaries = f"{S}/boundaries/england_lsoa11_bgc.geojson.gz"
props = os.path.join(a.work, "props_100k.csv")
if not os.path.exists(props):
    import random
    random.seed(1)
    with open(props, "w") as f:
        f.write("area,numerator,denominator\n")
        for i in range(100_000):
            n = random.randint(50, 100_000); f.write(f"A{i},{random.randint(0, n)},{n}\n")

LOAD_W = f"""
import pandas as pd, libpysal, numpy as np
v = pd.read_csv('{values}', usecols=['lsoa11cd','income_score'])
e = pd.read_csv('{edges}')
ids = list(v.lsoa11cd); idx = {{k: i for i, k in enumerate(ids)}}
neigh = {{i: [] for i in range(len(ids))}}
for a, b in zip(e.iloc[:, 0], e.iloc[:, 1]):
    neigh[idx[a]].append(idx[b]); neigh[idx[b]].append(idx[a])
w = libpysal.weights.W(neigh, silence_warnings=True); w.transform = 'r'
y = v.income_score.values
"""
rows = []

def proportions_agree(op):
    # Every number PHStatsMethods gives for the first row must appear in ours to 1e-9.
    import ast
    theirs = [x for x in ast.literal_eval(op.strip()) if x == x]
    ours = [float(x) for x in open(os.path.join(a.work, "p.csv")).read().split("\n")[1].split(",")[1:8] if x]
    return all(any(abs(t - o) <= 1e-9 * max(1, abs(t)) for o in ours) for t in theirs)

def row(task, eq_cmd, peer_name, peer_cmd, check):
    te, oe = timed(eq_cmd, a.runs)
    tp, op = timed(peer_cmd, a.runs)
    agree = check(oe, op)
    rows.append((task, te, peer_name, tp, tp / te, agree))
    print(f"  {task}: equity {te:.2f}s, {peer_name} {tp:.2f}s, agree={agree}", file=sys.stderr)

def moran_check(oe, op):
    return abs(json.loads(oe)["I"] - float(op.strip().split()[0])) < 1e-9

def want(part):
    return a.only in ("all", part)

if want("processes"):
    row("Queen contiguity, 32,844 LSOAs from GeoJSON",
        [a.equity, "weights", "--polygons", boundaries, "--id-property", "LSOA11CD", "--output", os.path.join(a.work, "q.csv")],
        "libpysal 4.x (geopandas read + Queen.from_dataframe)",
        py(f"import geopandas as gpd, libpysal; g = gpd.read_file('/vsigzip/{boundaries}'); w = libpysal.weights.Queen.from_dataframe(g, use_index=False, silence_warnings=True); print(w.s0/2)"),
        lambda oe, op: float(op.strip()) == 96206)
    row("Global Moran's I, national, 9,999 permutations",
        [a.equity, "moran", "--input", values, "--id", "lsoa11cd", "--value", "income_score", "--adjacency", edges, "--allow-islands", "--permutations", "9999", "--seed", "1"],
        "esda Moran",
        py(LOAD_W + "import esda; m = esda.Moran(y, w, permutations=9999); print(m.I, m.p_sim)"),
        moran_check)
    row("LISA, national, 999 permutations",
        [a.equity, "lisa", "--input", values, "--id", "lsoa11cd", "--value", "income_score", "--adjacency", edges, "--allow-islands", "--permutations", "999", "--seed", "1", "--output", os.path.join(a.work, "l.csv")],
        "esda Moran_Local (fresh process)",
        py(LOAD_W + "import esda; m = esda.Moran_Local(y, w, permutations=999); print(m.Is[0])"),
        lambda oe, op: abs(float(open(os.path.join(a.work, "l.csv")).read().split("\n")[1].split(",")[4]) - float(op.strip())) < 1e-9)
    row("100,000 proportions, 95% and 99.8% limits",
        [a.equity, "ci", "proportion", "--input", props, "--numerator", "numerator", "--denominator", "denominator", "--confidence", "0.95,0.998", "--output", os.path.join(a.work, "p.csv")],
        "PHStatsMethods ph_proportion",
        py(f"import pandas as pd; from PHStatsMethods import ph_proportion; d = pd.read_csv('{props}'); r = ph_proportion(d, 'numerator', 'denominator', confidence=[0.95, 0.998]); print(r.select_dtypes('number').iloc[0].tolist())"),
        lambda oe, op: proportions_agree(op))

# LISA against GeoDa's C++ core (pygeoda): its local_moran call timed inside one process (reading
# the boundaries and building its queen weights, 4–8 s, excluded), Equity whole process, in one run.
PYGEODA = f"""
import geopandas as gpd, pygeoda, pandas as pd, time, json
g = gpd.read_file('/vsigzip/{boundaries}')
v = pd.read_csv('{values}', usecols=['lsoa11cd','income_score']).set_index('lsoa11cd').loc[g.LSOA11CD]
gda = pygeoda.open(g)
w = pygeoda.queen_weights(gda)
y = list(v.income_score)
out = {{}}
for r, methods in ((999, ('lookup-table', 'complete')), (9999, ('lookup-table', 'complete')), (99999, ('lookup-table',))):
    for m in methods:
        t = []
        for _ in range({a.runs}):
            t0 = time.perf_counter(); l = pygeoda.local_moran(w, y, permutations=r, permutation_method=m, cpu_threads=2, seed=1); t.append(time.perf_counter() - t0)
        out[f'{{r}} {{m}}'] = sorted(t)[len(t) // 2]
    out['I0'] = l.lisa_values()[list(g.LSOA11CD).index('E01000001')]
print(json.dumps(out))
"""
if want("pygeoda"):
  try:
    pg = json.loads(subprocess.run(py(PYGEODA), capture_output=True, text=True, check=True).stdout.strip().split("\n")[-1])
    for r in (999, 9999, 99999):
        te, _ = timed([a.equity, "lisa", "--input", values, "--id", "lsoa11cd", "--value", "income_score", "--adjacency", edges,
                       "--allow-islands", "--permutations", str(r), "--seed", "1", "--output", os.path.join(a.work, "lg.csv")], a.runs)
        first = float(open(os.path.join(a.work, "lg.csv")).read().split("\n")[1].split(",")[4])  # E01000001, the first row
        for m in ("lookup-table", "complete"):
            if f"{r} {m}" in pg:
                rows.append((f"LISA, national, {r:,} permutations", te, f"pygeoda 0.1.3 local_moran ({m}; call only, 2 threads)",
                             pg[f"{r} {m}"], pg[f"{r} {m}"] / te, abs(first - pg["I0"]) < 1e-9))
  except Exception as e:  # pygeoda is optional (run.sh installs it)
    print(f"pygeoda skipped: {e}", file=sys.stderr)

# In-process: the Python package (equity-python, over the C ABI) against esda and PHStatsMethods,
# each call timed inside one Python process on the same objects (reading inputs and building
# weights excluded for both), as a notebook user would meet them.
INPROCESS = LOAD_W + f"""
import time, json, statistics, warnings
warnings.simplefilter('ignore')
import esda, equity
from PHStatsMethods import ph_proportion
d = pd.read_csv('{props}')
ew = equity.weights.from_pairs(ids, zip(e.iloc[:, 0], e.iloc[:, 1]))
def med(f):
    t = []
    for _ in range({a.runs}):
        t0 = time.perf_counter(); r = f(); t.append(time.perf_counter() - t0)
    return sorted(t)[len(t) // 2], r
out = {{}}
te, ours = med(lambda: equity.ci.proportion(d, numerator='numerator', denominator='denominator', confidence=[0.95, 0.998]))
tp, theirs = med(lambda: ph_proportion(d, 'numerator', 'denominator', confidence=[0.95, 0.998]))
agree = bool(np.allclose(ours['lower99_8cl'], theirs['lower_99_8_ci'], rtol=1e-9) and np.allclose(ours['upper95_0cl'], theirs['upper_95_ci'], rtol=1e-9))
out['prop'] = (te, tp, agree)
te, m1 = med(lambda: equity.moran(y, ew, permutations=9999, seed=1))
tp, m2 = med(lambda: esda.Moran(y, w, permutations=9999))
out['moran'] = (te, tp, bool(abs(m1.I - m2.I) < 1e-9 and m1.p_sim == m2.p_sim))
te, l1 = med(lambda: equity.lisa(y, ew, permutations=999, seed=1))
tp, l2 = med(lambda: esda.Moran_Local(y, w, permutations=999))
out['lisa'] = (te, tp, bool(np.allclose(l1['Ii'], l2.Is, rtol=1e-9)))
print(json.dumps(out))
"""
if want("inprocess"):
  try:
    ip = json.loads(subprocess.run(py(INPROCESS), capture_output=True, text=True, check=True).stdout.strip().split("\n")[-1])
    for key, task, peer in (("prop", "100,000 proportions, 95% and 99.8% limits", "PHStatsMethods ph_proportion"),
                            ("moran", "Global Moran's I, national, 9,999 permutations", "esda Moran"),
                            ("lisa", "LISA, national, 999 permutations", "esda Moran_Local")):
        te, tp, agree = ip[key]
        rows.append((f"{task} — equity-python (in-process call)", te, f"{peer} (in-process call)", tp, tp / te, agree))
  except subprocess.CalledProcessError as e:  # equity-python is installed by run.sh
    print(f"equity-python skipped: {e.stderr[-1500:]}", file=sys.stderr)

cpu = platform.processor() or platform.machine()
print(f"Measured on {platform.node()} ({os.cpu_count()} cores, {cpu}), median of {a.runs} runs, whole process each "
      "unless marked 'call only' or 'in-process call':\n")
seconds = lambda t: f"{t:.2f}" if t >= 0.1 else f"{t:.3f}"
print("| task | Equity (s) | peer | peer (s) | peer ÷ Equity | same numbers |")
print("|---|---:|---|---:|---:|---|")
for task, te, peer, tp, ratio, agree in rows:
    print(f"| {task} | {seconds(te)} | {peer} | {seconds(tp)} | {ratio:.1f}× | {'yes' if agree else 'NO'} |")
