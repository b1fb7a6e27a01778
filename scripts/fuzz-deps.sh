#!/usr/bin/env bash
# Installs clang and its libFuzzer/sanitizer runtimes for scripts/fuzz.sh, when missing.
# Kept apart from the default package list: building and testing Workplan never needs clang.
set -euo pipefail
exec bash "$(dirname "$0")/install-deps.sh" clang libclang-rt-14-dev
