#!/usr/bin/env bash
# Installs what is missing, builds, and opens Workplan on a sample project.
# Without a display it runs under Xvfb so the command still works on a bare machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
sample="${1:-samples/feature-development.json}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    exec xvfb-run -a build/bin/workplan "$sample"
fi
exec build/bin/workplan "$sample"
