#!/bin/sh
# Analysis benchmark (issue #2 point 8). Generates the 10k and 100k leaf workflows into
# bench/data/ (gitignored), then for each: `workplan analyze FILE --json --timings` five
# times (median whole-process wall time, median load_ms and analysis_ms) and the plain
# baseline in the same run. Prints a Markdown table.
#
#   bench/run.sh [BUILD_DIR]        (default: build; binaries in BUILD_DIR/bin)
#   RUNS=5 SIZES="10000 100000" SEED=1 bench/run.sh
#   WORKPLAN=/other/build/bin/workplan bench/run.sh     (time another build, same baseline)
set -eu

cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-1}
WORKPLAN=${WORKPLAN:-$BUILD/bin/workplan}

for bin in "$WORKPLAN" "$BUILD/bin/workplan_baseline"; do
    if [ ! -x "$bin" ]; then
        echo "missing $bin: build first (ninja -C $BUILD)" >&2
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

exec python3 - "$WORKPLAN" "$BUILD/bin/workplan_baseline" "$RUNS" $FILES <<'EOF'
import json, resource, statistics, subprocess, sys, time

workplan, baseline, runs, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
rows = []
for f in files:
    walls, cpus, loads, analyses = [], [], [], []
    result = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run([workplan, "analyze", f, "--json", "--timings"],
                           capture_output=True)
        walls.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
        if p.returncode not in (0, 1):
            sys.exit("workplan failed on %s: %s" % (f, p.stderr.decode()))
        timings = json.loads(p.stderr.decode().strip().splitlines()[-1])
        loads.append(timings["load_ms"])
        analyses.append(timings["analysis_ms"])
        result = p.stdout
    out = json.loads(result)
    base = json.loads(subprocess.run([baseline, f, "15"],
                                     capture_output=True, check=True).stdout)
    if out["makespan_hours"] is not None and abs(out["makespan_hours"] - base["makespan_hours"]) > 1e-6:
        sys.exit("baseline and engine disagree on %s: makespan %s vs %s"
                 % (f, out["makespan_hours"], base["makespan_hours"]))
    analysis = statistics.median(analyses)
    rows.append((out["leaf_tasks"], out["tasks"], base["edges"], statistics.median(walls),
                 statistics.median(cpus), statistics.median(loads), analysis, base["baseline_ms"],
                 analysis / base["baseline_ms"]))

# Medians of RUNS runs; baseline_ms is the best of 15 passes in one process.
print("| leaves | tasks | edges | whole process ms | its CPU ms | load_ms | analysis_ms | baseline_ms | analysis / baseline |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %d | %d | %d | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f |" % r)
EOF
