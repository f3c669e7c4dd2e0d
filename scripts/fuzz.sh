#!/usr/bin/env bash
# Runs the libFuzzer harnesses of tests/fuzz/ for longer, one after another,
# one worker each (one CPU core), from their seed corpora plus what earlier
# runs found (kept in build-fuzz/fuzz-corpus/<name>/):
#   bash scripts/fuzz.sh [SECONDS per harness, default 600] [harness...]
#   bash scripts/fuzz.sh 3600 session        # an hour of whole sessions
# Builds build-fuzz/ first (clang 14, ASan + UBSan + libFuzzer). Each run
# ends with a line "fuzz NAME: N executions in S s, corpus F files (B bytes)";
# a crash, leak, timeout or sanitizer report is saved as
# build-fuzz/fuzz-corpus/NAME-crash-* (or leak-*, timeout-*) and fails the run.
# Extra libFuzzer flags: FUZZ_FLAGS="-runs=2000000" bash scripts/fuzz.sh 100000 state
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
seconds=${1:-600}; shift || true
[ $# -gt 0 ] || set -- state csv model session run
bash scripts/build.sh fuzz || exit 1
status=0
for name in "$@"; do
  bash tests/fuzz/run_fuzzer.sh "build-fuzz/tests/fuzz/fuzz_$name" "$seconds" tests/fuzz \
    "build-fuzz/fuzz-corpus/$name" ${FUZZ_FLAGS:-} || status=1
done
exit $status
