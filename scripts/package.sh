#!/usr/bin/env bash
# Builds Workplan (Release) and packs it as a Debian package with CPack:
# build/workplan_<version>_<arch>.deb. Install it with `sudo apt-get install ./build/workplan_*.deb`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# The package holds what `cmake --install` installs: binary, .desktop, icons, MIME type.
(cd build && cpack -G DEB)
ls -1 build/workplan_*.deb
