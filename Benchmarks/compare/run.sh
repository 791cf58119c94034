#!/usr/bin/env bash
# Side-by-side: Equity against the tools users would otherwise pick, on the same inputs, whole
# process each, several runs; prints a Markdown table (median seconds and ratio) and checks the
# numbers agree. Run from a clean clone:
#   bash Benchmarks/compare/run.sh            (RUNS=5 by default; ONLY=processes|pygeoda|inprocess for one part)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/Fixtures}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/equity-compare}
mkdir -p "$WORK"
bash .ci/setup
swift build -c release >/dev/null
EQUITY=$ROOT/.build/release/equity
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q --upgrade pip
  "$WORK/venv/bin/pip" install -q esda libpysal geopandas PHStatsMethods pandas numpy pygeoda
fi
# equity-python (python/): built from this clone with Swift, as `pip install ./python` does.
"$WORK/venv/bin/pip" install -q --force-reinstall --no-deps ./python
PY=$WORK/venv/bin/python
exec "$PY" "$ROOT/Benchmarks/compare/compare.py" --equity "$EQUITY" --shared "$SHARED" --runs "$RUNS" --work "$WORK" ${ONLY:+--only "$ONLY"}
