#!/usr/bin/env bash
# Builds Workplan and photographs the real main window under Xvfb, with a sample project
# open, into docs/images/main-window.png (the picture the README shows).
# Usage: scripts/screenshot.sh [PROJECT_FILE] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
project="${1:-samples/feature-development.json}"
out="${2:-docs/images/main-window.png}"
mkdir -p "$(dirname "$out")"
# A private settings/recovery home so the picture never depends on this machine's history.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1600x1000x24" build/bin/workplan --screenshot "$out" "$project"
echo "wrote $out"
