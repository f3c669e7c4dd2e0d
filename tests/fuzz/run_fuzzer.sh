#!/usr/bin/env bash
# Runs one libFuzzer harness for a while, one worker, from its seed corpus:
#   run_fuzzer.sh <build>/tests/fuzz/fuzz_NAME SECONDS <tests/fuzz dir> <work corpus dir> [libFuzzer flags...]
# New inputs go to the work corpus; the seeds (corpus/NAME/) are only read.
# A crash, leak, timeout or sanitizer report is saved in the work corpus's
# parent as crash-*/leak-*/timeout-* and fails the run (libFuzzer's exit code).
# The last lines printed are the figures: executions, seconds, corpus size.
set -uo pipefail
[ $# -ge 4 ] || { echo "usage: $0 FUZZER SECONDS FUZZ_DIR WORK_DIR [flags...]" >&2; exit 2; }
fuzzer=$1 seconds=$2 dir=$3 work=$4; shift 4
name=$(basename "$fuzzer"); name=${name#fuzz_}
mkdir -p "$work"
args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=4096 -print_final_stats=1
      -artifact_prefix="$(dirname "$work")/$name-")
[ -f "$dir/$name.dict" ] && args+=(-dict="$dir/$name.dict")
SECONDS=0
"$fuzzer" "${args[@]}" "$@" "$work" "$dir/corpus/$name" 2>&1 | tee "$work.log" \
  | grep -E '^(INFO: Seed|#[0-9]+ +(INITED|DONE)|==[0-9]+==|SUMMARY|fuzz check|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|Done )'
rc=${PIPESTATUS[0]}
execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$work.log" | grep -oE '[0-9]+$')
files=$(find "$work" -type f | wc -l)
bytes=$(du -sb "$work" | cut -f1)
printf 'fuzz %s: %s executions in %s s, corpus %s files (%s bytes), exit %s\n' \
  "$name" "${execs:-?}" "$SECONDS" "$files" "$bytes" "$rc"
exit "$rc"
