#!/usr/bin/env bash
# Prints each sample project to PDF and renders every page to PNG so a person can look
# at them: out/print/<sample>-<page>.png.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bin/workplan ] || bash scripts/build.sh
mkdir -p out/print
for f in samples/*.json; do
    name=$(basename "$f" .json)
    build/bin/workplan print "$f" --pdf "out/print/$name.pdf" "$@"
    pdftoppm -r 60 -png "out/print/$name.pdf" "out/print/$name"
    build/bin/workplan export "$f" --svg "out/print/$name.svg" --png "out/print/$name.png"
done
ls out/print
