#!/usr/bin/env bash
# Installs the Debian packages Workplan needs to build, run and test, when missing.
# With arguments, installs those packages instead (scripts/fuzz-deps.sh uses that).
set -euo pipefail

packages=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6
          libqt6sql6-sqlite libsqlite3-dev libgl-dev fonts-dejavu-core xvfb xauth poppler-utils python3
          qt6-qpa-plugins qt6-charts-dev libqt6opengl6-dev libsimdjson-dev libqt6sql6-psql postgresql
          graphviz)   # graphviz: dot, the reference of bench/layout_quality.py
[ $# -gt 0 ] && packages=("$@")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${missing[@]}"
