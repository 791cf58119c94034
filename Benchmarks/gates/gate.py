"""Performance gates that do not flap: instruction counts and malloc calls of fixed workloads
measured with valgrind's callgrind (the same for the same binary and inputs, whatever else the
machine is doing), compared with committed thresholds.

  python3 Benchmarks/gates/gate.py check     # CI: fail when a workload exceeds its threshold
  python3 Benchmarks/gates/gate.py update    # after an intended change: rewrite thresholds.csv

A workload fails when its instruction count exceeds the committed value by more than
INSTRUCTION_TOLERANCE (small thread-scheduling effects in libdispatch move counts by well under
1%), or its malloc calls exceed the committed value by more than MALLOC_TOLERANCE. Wall-clock
figures are reported by the benchmark package and the comparison script, not gated here."""
import csv, os, re, subprocess, sys, tempfile

INSTRUCTION_TOLERANCE = 0.05
MALLOC_TOLERANCE = 0.10
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
THRESHOLDS = os.path.join(HERE, "thresholds.csv")

def workloads():
    out = []
    for line in open(os.path.join(HERE, "workloads.sh")):
        line = line.strip()
        if line and not line.startswith("#"):
            name, cmd = line.split("|", 1)
            out.append((name, cmd))
    return out

def make_rows(path, n=200_000):
    if os.path.exists(path):
        return
    state = 20261122
    with open(path, "w") as f:
        f.write("id,numerator,denominator\n")
        for i in range(n):
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            d = 50 + (state >> 33) % 100_000
            state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
            x = (state >> 33) % (d + 1)
            f.write(f"E{i},{x},{d}\n")

def measure(cmd, scratch):
    env = dict(os.environ, EQUITY=os.path.join(ROOT, ".build/release/equity"),
               SCRATCH=scratch, EQUITY_THREADS="1")
    expanded = os.path.expandvars(cmd.replace("$EQUITY", env["EQUITY"]).replace("$SCRATCH", scratch))
    out = os.path.join(scratch, "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--compress-strings=no",
                        "--compress-pos=no"] + expanded.split(), cwd=ROOT, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"workload failed: {expanded}\n{p.stderr[-3000:]}")
    instructions = int(re.search(r"Collected\s*:\s*(\d+)", p.stderr).group(1))
    mallocs = 0
    current = None
    for line in open(out, errors="replace"):
        if line.startswith("cfn="):
            current = line[4:].strip()
        elif line.startswith("calls=") and current is not None:
            if current == "malloc" or current.endswith(" malloc"):
                mallocs += int(line[6:].split()[0])
            current = None
    return instructions, mallocs

def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    scratch = tempfile.mkdtemp(prefix="equity-gates-")
    make_rows(os.path.join(scratch, "rows.csv"))
    committed = {}
    if os.path.exists(THRESHOLDS):
        for r in csv.DictReader(open(THRESHOLDS)):
            committed[r["workload"]] = (int(r["instructions"]), int(r["mallocs"]))
    results, failures = [], []
    for name, cmd in workloads():
        ins, mal = measure(cmd, scratch)
        results.append((name, ins, mal))
        if mode == "check":
            if name not in committed:
                failures.append(f"{name}: no committed threshold (run gate.py update)")
                continue
            ti, tm = committed[name]
            status = "ok"
            if ins > ti * (1 + INSTRUCTION_TOLERANCE):
                failures.append(f"{name}: {ins:,} instructions > {ti:,} + {INSTRUCTION_TOLERANCE:.0%}")
                status = "REGRESSION"
            if mal > tm * (1 + MALLOC_TOLERANCE) + 10:
                failures.append(f"{name}: {mal:,} malloc calls > {tm:,} + {MALLOC_TOLERANCE:.0%}")
                status = "REGRESSION"
            print(f"gate {name}: {ins:,} instructions ({(ins / ti - 1) * 100:+.2f}%), {mal:,} mallocs (committed {tm:,}) {status}")
        else:
            print(f"measured {name}: {ins:,} instructions, {mal:,} mallocs")
    if mode == "update":
        with open(THRESHOLDS, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["workload", "instructions", "mallocs"])
            for name, ins, mal in results:
                w.writerow([name, ins, mal])
        print(f"wrote {THRESHOLDS}")
        return
    if failures:
        print("Performance gates failed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"All {len(results)} performance gates within their thresholds.")

main()
