#!/usr/bin/env bash
# `playground-cli --exact` natively against the WebAssembly CLI under Node:
# whole training runs must agree bit for bit (README, "--exact").
#
#   tests/cli/exact_agreement.sh build/cli/playground-cli node build-wasm/cli/playground-cli.js
#
# The first argument is the native CLI, the rest the command that runs the
# WebAssembly one. For each setup below both train the same epochs from the
# same state; the per-epoch JSON lines (train and test loss, accuracies) and
# the --save-model files must be byte-identical, and so must `inspect` of the
# trained model. The native default (no --exact: AVX2 with FMA) runs too and
# is reported, not checked: it shows how far the two builds drift without it.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cli_test_start 2 "<native playground-cli> <command that runs the WebAssembly playground-cli...>" "$@"
NATIVE=$1; shift
if [ ! -x "$NATIVE" ]; then
  echo "exact agreement: no native CLI at $NATIVE (build the native tree first, or set PG_NATIVE_CLI)" >&2
  exit 1
fi
WASM=("$@")

# name | epochs | state | inspect example
SETUPS=(
  "spiral 8,8,5 tanh, sin features, momentum 0.9|300|dataset=spiral&networkShape=8,8,5&activation=tanh&x=true&y=true&sinX=true&sinY=true&momentum=0.9&learningRate=0.03&batchSize=10&noise=10&seed=0.41234|0.5,-1.5,1"
  "multi-class spiral3 softmax, 8,8 tanh, momentum 0.9|300|problem=multiclass&dataset=spiral3&numClasses=3&networkShape=8,8&activation=tanh&x=true&y=true&sinX=true&sinY=true&momentum=0.9&learningRate=0.03&batchSize=10&seed=0.27182|0.5,-1.5,2"
  "ReLU 8,6 with L2, xor|300|dataset=xor&networkShape=8,6&activation=relu&regularization=L2&regularizationRate=0.003&learningRate=0.01&momentum=0.5&batchSize=10&x=true&y=true&xTimesY=true&seed=0.31415|1.5,-2,-1"
  "wide 13,9 (per-layer kernels, tails): sigmoid+bce, softplus,gelu, Nesterov, L1|100|dataset=circle&networkShape=13,9&activations=softplus,gelu&loss=bce&regularization=L1&regularizationRate=0.001&learningRate=0.03&momentum=0.9&nesterov=true&batchSize=7&x=true&y=true&xSquared=true&ySquared=true&seed=0.16180|1,2,1"
  "GELU both forms 7,5 (exact erf, tanh approximation), spiral, momentum|150|dataset=spiral&networkShape=7,5&activations=gelu,gelu_tanh&learningRate=0.03&momentum=0.9&batchSize=10&x=true&y=true&sinX=true&sinY=true&seed=0.57721|0.5,-1.5,1"
  "softplus with beta 2.5 (value by value, det_softplus), 6,4, momentum|150|dataset=circle&networkShape=6,4&activation=softplus&softplusBeta=2.5&learningRate=0.03&momentum=0.9&batchSize=10&x=true&y=true&xSquared=true&seed=0.69314|0.5,-1.5,1"
  "perceptron rule, sign output, no hidden layer, gauss|50|dataset=gauss&networkShape=&outputActivation=sign&rule=perceptron&learningRate=0.1&batchSize=1&x=true&y=true&seed=0.14142|1.5,-2,-1"
)

# fail <message>
# (scripts/test.sh shows lines that start with "  ok " and "  FAIL " live.)
fail() { echo "  FAIL exact agreement: $1"; failures=$((failures + 1)); }

for setup in "${SETUPS[@]}"; do
  IFS='|' read -r name epochs state example <<<"$setup"
  failures_before=$failures
  echo "== $name, $epochs epochs"
  echo "   state: $state"
  "$NATIVE" train --exact --state "$state" --epochs "$epochs" --save-model "$TMP/native.json" >"$TMP/native.out" 2>"$TMP/native.err"
  rc_native=$?
  "${WASM[@]}" train --state "$state" --epochs "$epochs" --save-model "$TMP/wasm.json" >"$TMP/wasm.out" 2>"$TMP/wasm.err"
  rc_wasm=$?
  "$NATIVE" train --state "$state" --epochs "$epochs" --save-model "$TMP/default.json" >"$TMP/default.out" 2>/dev/null
  if [ "$rc_native" != 0 ] || [ "$rc_wasm" != 0 ]; then
    fail "exit codes: native --exact $rc_native, WebAssembly $rc_wasm"
    head -c 300 "$TMP/native.err" "$TMP/wasm.err"
    continue
  fi
  lines=$(wc -l <"$TMP/native.out")
  if [ "$lines" != "$epochs" ]; then fail "native --exact printed $lines lines, expected $epochs"; fi
  if cmp -s "$TMP/native.out" "$TMP/wasm.out"; then
    echo "   per-epoch lines: $lines of $(wc -l <"$TMP/wasm.out") identical"
  else
    first=$(diff <(cat -n "$TMP/native.out") <(cat -n "$TMP/wasm.out") | grep -m1 -E '^<' | awk '{print $2}')
    fail "per-epoch lines differ, first at line $first:"
    sed -n "${first}p" "$TMP/native.out" | sed 's/^/     native --exact: /'
    sed -n "${first}p" "$TMP/wasm.out" | sed 's/^/     WebAssembly:    /'
  fi
  echo "   last epoch:      $(tail -n1 "$TMP/wasm.out")"
  if cmp -s "$TMP/native.json" "$TMP/wasm.json"; then
    echo "   model files:     identical, $(wc -c <"$TMP/wasm.json") bytes, sha256 $(sha256sum "$TMP/wasm.json" | cut -c1-16)"
  else
    fail "the --save-model files differ ($(cmp "$TMP/native.json" "$TMP/wasm.json" | head -n1))"
  fi
  "$NATIVE" inspect --exact --state "$state" --model "$TMP/wasm.json" --example "$example" >"$TMP/native.inspect" 2>&1
  "${WASM[@]}" inspect --state "$state" --model "$TMP/wasm.json" --example "$example" >"$TMP/wasm.inspect" 2>&1
  if cmp -s "$TMP/native.inspect" "$TMP/wasm.inspect"; then
    echo "   inspect $example: identical ($(wc -c <"$TMP/wasm.inspect") bytes of z, a, delta, gradients, steps)"
  else
    fail "inspect --example $example differs"
  fi
  # For the record: the default native kernels (FMA, 8 lanes) on the same run.
  same=$(paste -d'\n' "$TMP/default.out" "$TMP/wasm.out" | awk 'NR % 2 { a = $0; next } a == $0 { n++ } END { print n + 0 }')
  last_default=$(tail -n1 "$TMP/default.out" | sed -E 's/.*"train_loss":([^,]*),.*/\1/')
  last_wasm=$(tail -n1 "$TMP/wasm.out" | sed -E 's/.*"train_loss":([^,]*),.*/\1/')
  echo "   without --exact: $same of $lines lines identical, final train loss $last_default vs $last_wasm" \
       "($(awk -v a="$last_default" -v b="$last_wasm" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.2g", b != 0 ? d / b : d }') relative)"
  [ "$failures" = "$failures_before" ] &&
    echo "  ok exact agreement: $name: $epochs epochs' losses, the model file and inspect identical natively (--exact) and in WebAssembly"
done

if [ "$failures" != 0 ]; then
  echo "exact agreement: $failures failure(s)"
  exit 1
fi
echo "exact agreement: native --exact and WebAssembly identical for all ${#SETUPS[@]} setups"
