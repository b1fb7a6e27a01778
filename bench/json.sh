#!/usr/bin/env bash
# JSON load benchmark (issue #21 items 1, 2): makes bench/json_corpus.py's corpus (one
# file per shape, 100k leaves) in /tmp and prints, per file, Workplan's load against Qt's
# QJsonDocument parse + walk of the same bytes in the same run (build/bin/json_bench),
# then the wall time of the whole `workplan analyze --json` of each file.
#   bash bench/json.sh [LEAVES] [RUNS]      (build first: cmake --build build --target json_bench workplan)
set -euo pipefail
cd "$(dirname "$0")/.."
leaves="${1:-100000}"
runs="${2:-3}"
dir="${WORKPLAN_JSON_CORPUS:-/tmp/wp-json-corpus}"
for bin in build/bin/json_bench build/bin/workplan; do
    [ -x "$bin" ] || { echo "build first: cmake --build build --target json_bench workplan" >&2; exit 2; }
done
shapes=(pretty compact unknown bigattrs deep bigstrings bare)
missing=()
for s in "${shapes[@]}"; do [ -f "$dir/$s-$leaves.json" ] || missing+=("$s"); done
if [ "${#missing[@]}" -gt 0 ]; then
    python3 bench/json_corpus.py --leaves "$leaves" -o "$dir" --shapes "$(IFS=,; echo "${missing[*]}")"
fi
files=()
for s in "${shapes[@]}"; do files+=("$dir/$s-$leaves.json"); done

status=0
build/bin/json_bench --runs "$runs" "${files[@]}" || status=$?

echo
printf '%-22s %12s  %s\n' "file" "analyze s" "target <= 0.6 s (workplan analyze --json, best of $runs)"
for f in "${files[@]}"; do
    best=""
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        rc=0
        build/bin/workplan analyze "$f" --json >/dev/null 2>&1 || rc=$?
        end=$(date +%s.%N)
        [ "$rc" -le 1 ] || { echo "analyze $f failed ($rc)" >&2; exit "$rc"; }   # 1: findings
        t=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    verdict=PASS
    [ "$(echo "$best <= 0.6" | bc)" = 1 ] || { verdict=FAIL; status=1; }
    printf '%-22s %12.3f  %s\n' "$(basename "$f" .json)" "$best" "$verdict"
done
exit "$status"
