# What the CLI test scripts (run_cli_tests.sh, exact_agreement.sh) start with,
# sourced by both: the usage check, a temporary folder removed at exit ($TMP)
# and the failure count ($failures).
#
#   cli_test_start <least argument count> <usage after the script name> "$@"
cli_test_start() {
  local least=$1 usage=$2
  shift 2
  if [ $# -lt "$least" ]; then
    echo "usage: $0 $usage" >&2
    exit 2
  fi
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  failures=0
}
