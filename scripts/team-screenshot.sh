#!/usr/bin/env bash
# docs/images/team-two-windows.png for docs/user-guide.md ("Working as a team"): two
# Workplan windows side by side on one team project in a private PostgreSQL cluster,
# photographed under Xvfb by tst_teamprojectgui's screenshot step.
# Usage: scripts/team-screenshot.sh [OUT.png]   (after building tst_teamprojectgui)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/images/team-two-windows.png}")"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" QT_QPA_PLATFORM=xcb \
    WORKPLAN_TEAM_SCREENSHOT="$out" \
    xvfb-run -a -s "-screen 0 2400x1000x24" build/tests/tst_teamprojectgui screenshot
echo "wrote $out"
