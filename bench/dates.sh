#!/bin/sh
# §6 cost (issue #17): `workplan analyze --json` of the 100k-leaf bench plan as generated
# and the same plan with a project start, holidays and a deadline on every 100th task.
# Both in the same run, interleaved, RUNS times; prints the medians and their ratio.
#
#   bench/dates.sh [BUILD_DIR]      RUNS=7 LEAVES=100000 bench/dates.sh
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${RUNS:-7}
LEAVES=${LEAVES:-100000}
mkdir -p bench/data
plain="bench/data/workflow-$((LEAVES / 1000))k-seed1.json"
dated="bench/data/workflow-$((LEAVES / 1000))k-seed1-dated.json"
[ -f "$plain" ] || python3 bench/generate.py --leaves "$LEAVES" --seed 1 -o "$plain"
python3 - "$plain" "$dated" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d.setdefault("project", {})
p["start"] = "2025-06-02"
p.setdefault("calendar", {})["holidays"] = ["2025-06-09", "2025-12-25", "2026-01-01", "2026-04-03"]
for i, t in enumerate(d["tasks"]):
    if i % 100 == 0:
        t.setdefault("attributes", {})["deadline"] = "2026-03-31"
json.dump(d, open(sys.argv[2], "w"))
PY
exec python3 - "$BUILD/bin/workplan" "$RUNS" "$plain" "$dated" <<'PY'
import statistics, subprocess, sys, time
workplan, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall = {f: [] for f in files}
for _ in range(runs):
    for f in files:
        t = time.perf_counter()
        subprocess.run([workplan, "analyze", f, "--json"], stdout=subprocess.DEVNULL, check=True)
        wall[f].append((time.perf_counter() - t) * 1000)
m = [statistics.median(wall[f]) for f in files]
print("| plan | analyze --json, median ms |\n|---|---:|")
print(f"| without a start | {m[0]:.0f} |\n| with start, holidays, 1% deadlines | {m[1]:.0f} |")
print(f"ratio dated / plain: {m[1] / m[0]:.3f}")
PY
