#!/bin/sh
# Differential check of two builds of `workplan analyze` (an engine change must not change
# any output): COUNT random projects (bench/random_projects.py), the examples in samples/,
# and the benchmark files in bench/data/ if present; JSON report, text report and exit
# status compared byte for byte. Prints the differing inputs; exit 1 if any.
#
#   bench/compare-builds.sh OLD_WORKPLAN NEW_WORKPLAN [COUNT]     (default COUNT 500)
#
# MODES="--json" compares the JSON report only: against a build from before issue #15,
# whose text report named tasks by id where it now names them by title.
set -eu
cd "$(dirname "$0")/.."
old=$1 new=$2 count=${3:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0
same() {   # FILE
    for mode in ${MODES:---json \"\"}; do
        [ "$mode" = '""' ] && mode=""
        set +e
        "$old" analyze "$1" $mode >"$work/old" 2>&1; a=$?
        "$new" analyze "$1" $mode >"$work/new" 2>&1; b=$?
        set -e
        if [ "$a" != "$b" ] || ! cmp -s "$work/old" "$work/new"; then
            echo "differs: $1 ${mode:-(text)}"
            return 1
        fi
    done
}
i=1
while [ "$i" -le "$count" ]; do
    python3 bench/random_projects.py "$i" >"$work/p$i.json"
    same "$work/p$i.json" || { bad=$((bad + 1)); cp "$work/p$i.json" "bench/data/differs-$i.json" 2>/dev/null || true; }
    i=$((i + 1))
done
for f in samples/*.json bench/data/workflow-*.json; do
    [ -f "$f" ] || continue
    same "$f" || bad=$((bad + 1))
done
echo "$count random projects and the sample and benchmark files compared: $bad differ"
[ "$bad" -eq 0 ]
