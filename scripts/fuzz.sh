#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (clang, ASan + UBSan) and runs each one for
# SECONDS (default 600), one after another. Corpora grow in build-fuzz/corpus/<target>/,
# seeded from fuzz/seeds/ and the contract examples copied into tests/data/examples.
# Crashes land in build-fuzz/artifacts/<target>/; the script fails on the first one.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
bash scripts/install-deps.sh
bash scripts/fuzz-deps.sh

CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DWORKPLAN_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --parallel 2

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_json fuzz_effort)
    # Before the SQLite loader exists, ProjectFile::load refuses every .workplan file.
    [ -f model/storage/sqlite/sqliteformat.h ] && targets+=(fuzz_workplan)
fi

examples="tests/data/examples"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export QT_QPA_PLATFORM=offscreen

for t in "${targets[@]}"; do
    corpus="build-fuzz/corpus/$t"
    artifacts="build-fuzz/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    case "$t" in
        fuzz_json)
            cp -n fuzz/seeds/json/* "$corpus"/
            if [ -d "$examples" ]; then
                for f in "$examples"/*.json; do cp -n "$f" "$corpus/example-$(basename "$f")"; done
            fi ;;
        fuzz_effort) cp -n fuzz/seeds/effort/* "$corpus"/ ;;
        fuzz_workplan)
            # Seeds: the examples converted to .workplan by the build's own converter.
            if [ -x build/bin/workplan ] && [ -d "$examples" ]; then
                for f in "$examples"/*.json; do
                    case "$f" in *.expected.json) continue ;; esac
                    out="$corpus/example-$(basename "${f%.json}").workplan"
                    [ -f "$out" ] || build/bin/workplan convert "$f" "$out" || rm -f "$out"
                done
            fi ;;
    esac
    dict=()
    [ "$t" = fuzz_json ] && dict=(-dict=fuzz/json.dict)
    echo "== $t for ${seconds}s"
    build-fuzz/bin/"$t" "$corpus" "${dict[@]}" -max_total_time="$seconds" \
        -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" 2>&1 | tee "build-fuzz/$t.log" | grep -E '^#|ERROR|SUMMARY|stat::|Done' | tail -25
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$t failed: see build-fuzz/$t.log and $artifacts/"; exit 1; }
done
