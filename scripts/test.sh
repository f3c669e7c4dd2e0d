#!/usr/bin/env bash
# Installs what is missing, builds every tree and runs every test:
#   native   ctest in build/: doctest program, CLI checks, desktop smoke test (Xvfb)
#   asan     ctest in build-asan/: the doctest program under ASan + UBSan
#   wasm     ctest in build-wasm/: the same doctest program under Node, and the
#            browser tests (playwright-core + Debian's Chromium on 127.0.0.1)
# Screenshots land in build/screenshots/. The last line sums every ctest run.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install.sh || exit 1
bash scripts/build.sh native asan wasm || { echo "test: the build failed (see above)"; exit 1; }

passed=0; failed=0; status=0
run_ctest() {  # run_ctest <name> <build dir>
  printf '\n\033[1m[test]\033[0m %s (%s)\n' "$1" "$2"
  local log; log=$(mktemp)
  ctest --test-dir "$2" --output-on-failure 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1)
  if [ -n "$line" ]; then
    local f t; f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + t - f)); failed=$((failed + f))
  else
    failed=$((failed + 1))   # ctest itself did not run
  fi
  [ "$rc" = 0 ] || status=1
  rm -f "$log"
}
run_ctest "native" build
run_ctest "asan+ubsan" build-asan
run_ctest "webassembly + browser" build-wasm
echo
echo "screenshots: $ROOT/build/screenshots/ (desktop), $ROOT/build-wasm/screenshots/ (browser)"
echo "total: $passed passed, $failed failed"
exit $status
