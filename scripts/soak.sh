#!/usr/bin/env bash
# The soak test for as long as you like (default 30 minutes), on the built site:
#   bash scripts/soak.sh [seconds = 1800] [sample interval = 30]
# It samples WebAssembly memory, JS heap and frame time and fails on growth
# after the first minute or on any console error (see tests/browser/soak.mjs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -f "$ROOT/build-wasm/site/index.html" ] || { echo "soak: build the site first: bash scripts/build.sh wasm" >&2; exit 2; }
exec node "$ROOT/tests/browser/soak.mjs" "$ROOT/build-wasm/site" "${1:-1800}" "${2:-30}"
