#!/usr/bin/env bash
# The main job: installs what is missing, builds the site and serves it on
# http://127.0.0.1:${PORT:-8080}/ until Ctrl+C.   usage: [PORT=8081] scripts/serve.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/install.sh"
bash "$ROOT/scripts/build.sh" wasm
exec node "$ROOT/scripts/serve.mjs" "$ROOT/build-wasm/site" "${PORT:-8080}"
