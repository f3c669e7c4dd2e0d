#!/usr/bin/env bash
# Builds one or more of the project's trees (assumes scripts/install.sh ran):
#   native  build/       desktop app, playground-cli, pg_tests (Release)
#   asan    build-asan/  pg_tests and playground-cli under ASan + UBSan
#   wasm    build-wasm/  the site (build-wasm/site/), playground-cli.js, pg_tests.js
#   fuzz    build-fuzz/  the libFuzzer harnesses of tests/fuzz (clang 14, ASan + UBSan)
# usage: scripts/build.sh [native] [asan] [wasm] [fuzz]   (default: native wasm)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
JOBS=${JOBS:-$(nproc)}
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

build_native() {
  say "native (build/)"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j"$JOBS"
}
build_asan() {
  say "AddressSanitizer + UBSan (build-asan/)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPG_SANITIZE=ON -DPG_BUILD_APP=OFF >/dev/null
  cmake --build build-asan -j"$JOBS"
}
build_wasm() {
  say "WebAssembly (build-wasm/)"
  emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-wasm -j"$JOBS"
  say "site: $ROOT/build-wasm/site/"
}
build_fuzz() {
  say "libFuzzer harnesses (build-fuzz/)"
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPG_FUZZ=ON -DPG_BUILD_APP=OFF >/dev/null
  cmake --build build-fuzz -j"$JOBS"
}

[ $# -gt 0 ] || set -- native wasm
for t in "$@"; do
  case "$t" in
    native) build_native ;;
    asan) build_asan ;;
    wasm) build_wasm ;;
    fuzz) build_fuzz ;;
    *) echo "build: unknown tree '$t' (native, asan, wasm or fuzz)" >&2; exit 2 ;;
  esac
done
