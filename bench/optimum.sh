#!/bin/bash
# Proven optima of the generated J30 set (leveling_bench's 30-activity instances) with the
# CBC MIP solver, and the leveling engine's % above them at the default effort.
#   bench/optimum.sh [STRIDE=3] [SECONDS=60] [JOBS=2] [PER_CELL=2]
# STRIDE k solves every k-th instance (1 = all 72); SECONDS is CBC's limit per instance
# (CPU seconds); JOBS instances at a time, each CBC on one thread. Model: bench/rcpsp_lp.cpp.
# WORK=DIR keeps the files there; re-running with the same DIR reuses the solved instances.
set -euo pipefail
dpkg -s coinor-cbc >/dev/null 2>&1 || apt-get -o DPkg::Lock::Timeout=300 install -y coinor-cbc

STRIDE=${1:-3}
SECS=${2:-60}
JOBS=${3:-2}
PER_CELL=${4:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/rcpsp_opt.XXXXXX)}
mkdir -p "$WORK"
T0=$(date +%s)

g++ -O2 -std=c++17 -I"$ROOT" "$ROOT/bench/rcpsp_lp.cpp" "$ROOT/model/engine/leveling.cpp" \
    "$ROOT/model/engine/levelingcheck.cpp" -o "$WORK/rcpsp_lp"
"$WORK/rcpsp_lp" write "$WORK" "$PER_CELL" "$STRIDE"
echo "instances: $(($(wc -l <"$WORK/instances.tsv") - 1)) (index % $STRIDE == 0, of $((36 * PER_CELL))), CBC limit ${SECS} s, $JOBS at a time, work dir $WORK"

solve() { # NNN: CBC on one thread; the wall-clock cap only guards against a CBC that ignores its limit
    local i=$1 w=$2 s=$3
    grep -qs '^Total time' "$w/$i.log" && [ -s "$w/$i.sol" ] && return 0 # WORK reused: already solved
    timeout $((3 * s + 60)) cbc "$w/$i.lp" sec "$s" threads 1 solve solu "$w/$i.sol" >"$w/$i.log" 2>&1 || true
}
export -f solve
tail -n +2 "$WORK/instances.tsv" | cut -f1 | xargs -I{} printf '%03d\n' {} |
    xargs -P "$JOBS" -I{} bash -c 'solve {} "$0" "$1"' "$WORK" "$SECS"

echo "MIP schedules checked by the engine's checker:"
{ "$WORK/rcpsp_lp" check "$WORK" "$PER_CELL" "$STRIDE" || echo "CHECK FAILED"; } | grep -v 'no schedule' | sed 's/^/  /'

# Per instance: horizon H = B - 1 (B = the engine's best, default or 10x) unless the engine's
# bound already proves B. Optimal: the optimum; infeasible: B is optimal; time limit: the
# optimum lies in [max(engine bound, min(B, ceil(CBC bound))), min(B, CBC's best)].
tail -n +2 "$WORK/instances.tsv" | while IFS=$'\t' read -r idx seed nc rf rs cp lower def x10 h; do
    i=$(printf '%03d' "$idx")
    status=$(head -n 1 "$WORK/$i.sol" 2>/dev/null || echo "no solution file")
    secs=$(sed -n 's/^Total time (CPU seconds): *\([0-9.]*\).*/\1/p' "$WORK/$i.log" | tail -n 1)
    mipbound=$(sed -n 's/^Lower bound: *\([-0-9.e+]*\).*/\1/p' "$WORK/$i.log" | tail -n 1)
    echo -e "$idx\t$nc\t$rf\t$rs\t$cp\t$lower\t$def\t$x10\t$h\t${secs:-?}\t${mipbound:-}\t$status"
done | awk -F'\t' '
BEGIN { printf "%4s %4s %4s %4s %4s %7s %5s %5s %-9s %8s %7s  %s\n", "inst", "NC", "RF", "RS", "CP", "bound", "dflt", "10x", "optimum", "cbc s", "dflt %", "CBC status" }
{
    best = ($8 < $7) ? $8 : $7; h = $9; st = $12
    lb = $6; if (lb != int(lb)) lb = int(lb) + 1
    opt = ""; lo = lb; hi = best
    if (st ~ /^Optimal/) { split(st, a, "objective value "); v = a[2] + 0; opt = (v < best) ? v : best }
    else if (st ~ /^(Integer )?[Ii]nfeasible/ && h == best - 1) opt = best
    else {
        if (st ~ /^Stopped on time - objective value/) { split(st, a, "objective value "); if (a[2] + 0 < hi) hi = a[2] + 0 }
        if ($11 != "") { m = $11 + 0; m = (m == int(m)) ? m : int(m) + 1; if (m > best) m = best; if (m > lo) lo = m }
        if (lo >= hi) opt = hi
    }
    if (opt != "") {
        gap = 100 * ($7 - opt) / opt; sum += gap; proven++; atopt += ($7 == opt)
        if (gap > worst) worst = gap
        printf "%4d %4.1f %4.2f %4.1f %4d %7.2f %5d %5d %-9d %8s %7.2f  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, opt, $10, gap, st
    } else {
        open++
        printf "%4d %4.1f %4.2f %4.1f %4d %7.2f %5d %5d %-9s %8s %7s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, lo ".." hi, $10, "-", st
    }
    n++
}
END {
    printf "\n%d instances, %d proven optimal, %d open (time limit)\n", n, proven, open
    if (proven) printf "default effort on the proven ones: %.2f %% above the optimum on average (worst %.2f %%), %d/%d at the optimum\n", sum / proven, worst, atopt, proven
}'
echo "total time $(($(date +%s) - T0)) s (wall clock)"
