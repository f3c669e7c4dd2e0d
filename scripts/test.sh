#!/usr/bin/env bash
# Installs what is missing, builds every tree and runs every test:
#   native   ctest in build/: doctest program, CLI checks, desktop smoke test (Xvfb)
#   asan     ctest in build-asan/: the doctest program under ASan + UBSan
#   wasm     ctest in build-wasm/: the same doctest program under Node, and the
#            browser tests (playwright-core + Debian's Chromium on 127.0.0.1)
#   fuzz     ctest in build-fuzz/: each libFuzzer harness for 30 s (scripts/fuzz.sh runs them longer)
# Screenshots land in build/screenshots/. The last line sums every ctest run.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/install.sh || exit 1
bash scripts/build.sh native asan wasm fuzz || { echo "test: the build failed (see above)"; exit 1; }

passed=0; failed=0; status=0
run_ctest() {  # run_ctest <name> <build dir>: full log in <build dir>/ctest.log
  printf '\n\033[1m[test]\033[0m %s (%s)\n' "$1" "$2"
  local log="$2/ctest.log"
  ctest --test-dir "$2" -V > "$log" 2>&1
  local rc=$?
  # What matters, live: each test's verdict, doctest's and the browser's counts.
  grep -E '^[0-9]+: (\[doctest\] (test cases|assertions)|  ok |  FAIL |  lab:|browser:|soak:|  soak:|screenshot:|fuzz | +(live|limits):|training: epoch)|Test +#|tests passed' "$log" \
    | sed -E 's/^[0-9]+: //'
  if [ "$rc" != 0 ]; then
    echo "---- $1 failed; the end of $log:"
    tail -n 150 "$log"
    status=1
  fi
  grep -E '^[0-9]+: \[doctest\] test cases:' "$log" | head -n1 | sed -E 's/^[0-9]+: //' > "$2/doctest-summary.txt"
  local line; line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1)
  if [ -n "$line" ]; then
    local f t
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + t - f)); failed=$((failed + f))
  else
    failed=$((failed + 1))   # ctest itself did not run
  fi
}
run_ctest "native" build
run_ctest "asan+ubsan" build-asan
run_ctest "webassembly + browser" build-wasm
run_ctest "fuzz (libFuzzer, 30 s each)" build-fuzz
# The same doctest program must run the same test cases natively and as WebAssembly.
native_cases=$(grep -oE 'test cases: +[0-9]+' build/doctest-summary.txt 2>/dev/null | grep -oE '[0-9]+')
wasm_cases=$(grep -oE 'test cases: +[0-9]+' build-wasm/doctest-summary.txt 2>/dev/null | grep -oE '[0-9]+')
echo
if [ -n "$native_cases" ] && [ "$native_cases" = "$wasm_cases" ]; then
  echo "doctest: $native_cases test cases natively and $wasm_cases as WebAssembly"
else
  echo "doctest: test case counts differ (native '${native_cases:-none}', WebAssembly '${wasm_cases:-none}')"
  status=1; failed=$((failed + 1))
fi
echo "screenshots: $ROOT/build/screenshots/ (desktop), $ROOT/build-wasm/screenshots/ (browser)"
echo "total: $passed passed, $failed failed"
exit $status
