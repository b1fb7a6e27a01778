#!/bin/sh
# Analysis benchmark (issue #2 point 8). Generates the 10k and 100k leaf workflows into
# bench/data/ (gitignored), then for each: `workplan analyze FILE --json --timings` five
# times (median whole-process wall time, median load_ms and analysis_ms) and the plain
# baseline in the same run. Prints a Markdown table.
#
#   bench/run.sh [BUILD_DIR]        (default: build; binaries in BUILD_DIR/bin)
#   RUNS=5 SIZES="10000 100000" SEED=1 bench/run.sh
set -eu

cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-1}

for bin in workplan workplan_baseline; do
    if [ ! -x "$BUILD/bin/$bin" ]; then
        echo "missing $BUILD/bin/$bin: build first (ninja -C $BUILD)" >&2
        exit 2
    fi
done

mkdir -p bench/data
FILES=""
for n in $SIZES; do
    f="bench/data/workflow-$((n / 1000))k-seed$SEED.json"
    if [ ! -f "$f" ]; then
        echo "generating $f" >&2
        python3 bench/generate.py --leaves "$n" --seed "$SEED" -o "$f"
    fi
    FILES="$FILES $f"
done

exec python3 - "$BUILD/bin" "$RUNS" $FILES <<'EOF'
import json, statistics, subprocess, sys, time

bindir, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = []
for f in files:
    walls, loads, analyses = [], [], []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([bindir + "/workplan", "analyze", f, "--json", "--timings"],
                           capture_output=True)
        walls.append((time.perf_counter() - t0) * 1000)
        if p.returncode not in (0, 1):
            sys.exit("workplan failed on %s: %s" % (f, p.stderr.decode()))
        timings = json.loads(p.stderr.decode().strip().splitlines()[-1])
        loads.append(timings["load_ms"])
        analyses.append(timings["analysis_ms"])
        result = p.stdout
    out = json.loads(result)
    base = json.loads(subprocess.run([bindir + "/workplan_baseline", f, "15"],
                                     capture_output=True, check=True).stdout)
    if out["makespan_hours"] is not None and abs(out["makespan_hours"] - base["makespan_hours"]) > 1e-6:
        sys.exit("baseline and engine disagree on %s: makespan %s vs %s"
                 % (f, out["makespan_hours"], base["makespan_hours"]))
    analysis = statistics.median(analyses)
    rows.append((out["leaf_tasks"], out["tasks"], base["edges"], statistics.median(walls),
                 statistics.median(loads), analysis, base["baseline_ms"],
                 analysis / base["baseline_ms"]))

print("| leaves | tasks | edges | whole process ms | load_ms | analysis_ms | baseline_ms | analysis / baseline |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %d | %d | %d | %.0f | %.1f | %.2f | %.2f | %.2f |" % r)
EOF
