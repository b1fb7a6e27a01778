#!/usr/bin/env bash
# Builds Workplan and photographs the real window under Xvfb for the README and
# docs/user-guide.md, all into docs/images/:
#   main-window.png      the editor with a sample project open (the README's picture)
#   welcome.png          the welcome page of a first start
#   inspector.png        the inspector with a task selected
#   analysis-blocked.png the analysis panel explaining a blocked task
#   print-graph.png      the graph page of `workplan print`, rendered with pdftoppm
#   dated-window.png     the editor on the contract's dated team example: dates, timeline
#   window-1280x800.png, window-1920x1080.png  the editor as it first opens at those sizes
#   print-timeline.png   page one of `workplan print --timeline` on that example
# Usage: scripts/screenshot.sh [PROJECT_FILE] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
project="${1:-samples/feature-development.json}"
out="${2:-docs/images}"
mkdir -p "$out"
# A private settings/recovery home so the pictures never depend on this machine's history.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
shoot() {
    HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" QT_QPA_PLATFORM=xcb \
        xvfb-run -a -s "-screen 0 2000x1200x24" build/bin/workplan --screenshot "$@"
}
shoot "$out/main-window.png" "$project"
shoot "$out/welcome.png" --view welcome
# The default layout as a user gets it, on a small laptop and a common desktop screen.
shoot "$out/window-1280x800.png" "$project" --size 1280x800
shoot "$out/window-1920x1080.png" "$project" --size 1920x1080
shoot "$out/inspector.png" "$project" --view inspector
# The feature sample has a task waiting on unfinished work.
shoot "$out/analysis-blocked.png" "${BLOCKED_PROJECT:-$project}" --view analysis
build/bin/workplan print "$project" --pdf "$home/print.pdf"
# Page 1 is the summary, page 2 the graph.
pdftoppm -r 50 -png -f 2 -l 2 -singlefile "$home/print.pdf" "$out/print-graph"
dated=tests/data/examples-v2/release-pipeline-team.json
shoot "$out/dated-window.png" "$dated"
build/bin/workplan print "$dated" --pdf "$home/timeline.pdf" --timeline --landscape
pdftoppm -r 50 -png -f 1 -l 1 -singlefile "$home/timeline.pdf" "$out/print-timeline"
ls -1 "$out"
