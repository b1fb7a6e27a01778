#!/usr/bin/env bash
# 1M-task bench (issue #8): generates bench/data/hostile-1m.json (python3, stdlib only)
# and times `workplan analyze --json --timings` on it under /usr/bin/time -v.
#   bash bench/hostile.sh [TASKS]     (build first: bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-1000000}"
bin=build/bin/workplan
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p bench/data
data="bench/data/hostile-${tasks}.json"
[ -f "$data" ] || python3 bench/gen_hostile.py "$data" "$tasks"
ls -l "$data"

status=0
/usr/bin/time -v "$bin" analyze "$data" --json --timings \
    >bench/data/hostile-analysis.json 2>bench/data/hostile-time.txt || status=$?
[ "$status" -le 1 ] || { cat bench/data/hostile-time.txt >&2; exit "$status"; }

timings=$(grep -m1 '^{"load_ms"' bench/data/hostile-time.txt)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' bench/data/hostile-time.txt)
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' bench/data/hostile-time.txt)
user=$(awk -F': ' '/User time/ {print $2}' bench/data/hostile-time.txt)
echo "tasks: $tasks  file: $(du -m "$data" | cut -f1) MB  exit: $status"
echo "timings: $timings"
echo "wall: $wall  user: ${user}s  peak RSS: $((rss_kb / 1024)) MB"
