#!/usr/bin/env bash
# Fuzzes Equity's input readers with libFuzzer: CSV, numbers, GeoJSON, gzip, adjacency lists,
# weights files (.gal, .gwt, links CSV).
#
#   bash Fuzz/run.sh              # every target for 20 s
#   bash Fuzz/run.sh ci           # CI: fixed seed and number of runs per target (deterministic,
#                                 #     about 90 s in all after the build)
#   bash Fuzz/run.sh 3600         # an hour each
#   bash Fuzz/run.sh 600 FuzzCSV  # one target
#
# Seed corpora are made from the small files in Fixtures/ (and gzip copies of them); what a run
# finds is kept in $FUZZ_WORK (default /tmp/equity-fuzz). A crash stops the script with exit 1 and
# leaves the input as $FUZZ_WORK/<target>/crash-*: add it under Tests/EquityTests/FuzzRegressions/
# <target>/ so the regression test replays it, and fix the bug.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-20}
# Runs per target in CI mode: about 15–20 s each on the CI machine.
declare -A CI_RUNS=([FuzzCSV]=40000 [FuzzNumbers]=1500000 [FuzzGeoJSON]=8000 [FuzzGzip]=120000 [FuzzAdjacency]=500000 [FuzzWeightsFile]=300000)
shift || true
TARGETS=${*:-"FuzzCSV FuzzNumbers FuzzGeoJSON FuzzGzip FuzzAdjacency FuzzWeightsFile"}
WORK=${FUZZ_WORK:-/tmp/equity-fuzz}
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3
BIN=$(swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld --show-bin-path)
FIX=../Fixtures
seed() { # target dir: copy small fixtures of the right kind into the corpus
    local t=$1 d=$2
    mkdir -p "$d"
    case $t in
    FuzzCSV|FuzzNumbers) find "$FIX" -name '*.csv' -size -64k -exec cp {} "$d/" \; ;;
    FuzzAdjacency) cp "$FIX"/adjacency/luton_*_edges.csv "$d/"; printf 'a,b\nA,B\nB,C\nE,F\n' > "$d/small.csv" ;;
    FuzzGeoJSON) cp "$FIX"/boundaries/columbus.geojson "$d/"; head -c 60000 "$FIX"/boundaries/luton_ward_E06000032.geojson > "$d/cut.geojson" ;;
    FuzzWeightsFile) printf '\000%s' $'0 3 shapes id\nA 2\nB C\nB 1\nA\nC 1\nA\n' > "$d/w.gal"
                     printf '\001%s' $'3\nA B 0.5\nB A 1e0\nC A 2\n' > "$d/w.gwt"
                     printf '\002%s' $'id,neighbour,weight\nA,B,1\n"B",A,0.25\n' > "$d/w.csv" ;;
    FuzzGzip) for f in "$FIX"/ward_indicators.csv "$FIX"/dsr_by_age.csv; do gzip -c "$f" | tail -c +3 > "$d/$(basename "$f").gz"; done ;;
    esac
    if [ "$t" = FuzzNumbers ]; then
        printf '%s' 1 > "$d/n1"; printf '%s' -1.25e-3 > "$d/n2"; printf '%s' 9007199254740993 > "$d/n3"; printf '%s' 1e400 > "$d/n4"
    fi
}
status=0
for t in $TARGETS; do
    dir="$WORK/$t"
    if [ "$SECONDS_EACH" = ci ]; then rm -rf "$dir"; fi
    [ -d "$dir/corpus" ] || seed "$t" "$dir/corpus"
    if [ "$SECONDS_EACH" = ci ]; then
        budget=(-seed=1 -runs="${CI_RUNS[$t]}")
        echo "== $t: ${CI_RUNS[$t]} runs, seed 1"
    else
        budget=(-max_total_time="$SECONDS_EACH")
        echo "== $t: ${SECONDS_EACH}s"
    fi
    if ! (cd "$dir" && ASAN_OPTIONS=detect_leaks=0 "$BIN/$t" corpus "${budget[@]}" -max_len=65536 \
            -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 2>&1 | grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|ERROR|invariant|Fatal|crash-|SUMMARY" | head -20); then
        status=1
    fi
    if ls "$dir"/crash-* "$dir"/timeout-* "$dir"/oom-* >/dev/null 2>&1; then
        echo "!! $t found a failing input: $(ls "$dir"/crash-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | head -3)"
        status=1
    fi
done
exit $status
