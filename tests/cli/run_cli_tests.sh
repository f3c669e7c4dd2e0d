#!/usr/bin/env bash
# Command-line tests of playground-cli: good runs print the promised JSON,
# malformed input of every kind exits non-zero with a message naming the key,
# line or field, and nothing crashes.
#
#   tests/cli/run_cli_tests.sh build/cli/playground-cli
#   tests/cli/run_cli_tests.sh node build-wasm/cli/playground-cli.js
#
# Everything after the script name is the command that runs the CLI.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cli_test_start 1 "<command that runs playground-cli...>" "$@"
CLI=("$@")
checks=0

# run <expected exit code> <args...>: runs the CLI, keeps stdout/stderr in $OUT/$ERR.
run() {
  local want=$1; shift
  "${CLI[@]}" "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
  checks=$((checks + 1))
  if [ "$got" != "$want" ]; then
    echo "FAIL: playground-cli $* exited $got, expected $want"
    echo "  stdout: ${OUT:0:300}"; echo "  stderr: ${ERR:0:300}"
    failures=$((failures + 1))
    return 1
  fi
  if [ "$got" -ge 128 ]; then
    echo "FAIL: playground-cli $* crashed (signal)"; failures=$((failures + 1)); return 1
  fi
  return 0
}

# expect <haystack> <needle> <what>
expect() {
  checks=$((checks + 1))
  case "$1" in
    *"$2"*) ;;
    *) echo "FAIL: $3: expected to find '$2' in: ${1:0:400}"; failures=$((failures + 1)) ;;
  esac
}

# ---- good runs ----
run 0 --help && expect "$OUT" "playground-cli train" "--help"

run 0 train --state "#activation=tanh&batchSize=10&dataset=circle&networkShape=4,2&seed=0.59704" --epochs 3 &&
  { expect "$OUT" '{"epoch":1,"train_loss":' "train line 1"
    expect "$OUT" '"epoch":3' "train line 3"
    expect "$OUT" '"accuracy":' "classification accuracy"
    [ "$(printf '%s\n' "$OUT" | wc -l)" = 3 ] || { echo "FAIL: expected 3 lines"; failures=$((failures + 1)); }; }

run 0 train --state "problem=regression&regDataset=reg-gauss" --epochs 1 &&
  { expect "$OUT" '"test_loss":' "regression"
    case "$OUT" in *accuracy*) echo "FAIL: regression prints accuracy"; failures=$((failures + 1)) ;; esac; }

# Unknown keys are warnings, not errors.
run 0 train --state "foo=1&learningRate=0.1" --epochs 1 && expect "$ERR" "warning: state foo: unknown key" "unknown key warning"

# Save a model, train from it, inspect it.
run 0 train --state "dataset=xor&networkShape=3" --epochs 2 --save-model "$TMP/model.json" &&
  expect "$(cat "$TMP/model.json")" '"inputs": ["x","y"]' "saved model"
run 0 train --state "dataset=xor&networkShape=3" --model "$TMP/model.json" --epochs 1 && expect "$OUT" '"epoch":1' "train from model"
run 0 inspect --model "$TMP/model.json" --state "dataset=xor" --example 1.5,-2,1 &&
  { expect "$OUT" '"loss":' "inspect loss"; expect "$OUT" '"grad_weights":[[' "inspect grad_weights"
    expect "$OUT" '"delta":' "inspect delta"; expect "$OUT" '"z":' "inspect z"; expect "$OUT" '"grad_bias":' "inspect grad_bias"; }
run 0 inspect --state "networkShape=2" --example 0,0,-1 && expect "$OUT" '"output":' "inspect without a model"

# CSV data replaces the generated set.
printf 'x1,x2,label\n' >"$TMP/data.csv"
for i in $(seq 1 30); do printf '%s,%s,%s\n' "$i" "-$i" "$((i % 2 ? 1 : -1))" >>"$TMP/data.csv"; done
run 0 train --state "percTrainData=50" --data "$TMP/data.csv" --epochs 2 && expect "$OUT" '"epoch":2' "train on CSV"

# One data row, every point trains: no test set (null test loss), and the loss falls.
printf '1,0,1\n' >"$TMP/one_row.csv"
run 0 train --data "$TMP/one_row.csv" --state "problem=regression&percTrainData=100&batchSize=1&networkShape=2&learningRate=0.1" --epochs 30 &&
  { expect "$OUT" '"test_loss":null' "no test set"
    first=$(printf '%s\n' "$OUT" | head -1 | sed 's/.*"train_loss":\([^,]*\),.*/\1/')
    last=$(printf '%s\n' "$OUT" | tail -1 | sed 's/.*"train_loss":\([^,]*\),.*/\1/')
    checks=$((checks + 1))
    awk -v a="$first" -v b="$last" 'BEGIN { exit !(b < a / 2) }' ||
      { echo "FAIL: one-row training loss did not fall ($first -> $last)"; failures=$((failures + 1)); }; }

# inspect prints lab.h's object: target, and per layer units and activation.
run 0 inspect --state "networkShape=2" --example 0.5,1,1 &&
  { expect "$OUT" '"inputs":["x","y"],"example":[0.5,1.0,1.0],"input":' "inspect inputs and example"
    expect "$OUT" '"target":[1.0]' "inspect target"; expect "$OUT" '"units":2,"activation":"tanh"' "inspect units"; }

# A key the state names explicitly beats a model file that is silent about it ...
printf '{"inputs": ["x","y"], "layers": [{"activation": "linear", "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]}]}' >"$TMP/three_linear.json"
run 0 inspect --model "$TMP/three_linear.json" --state "loss=softmax_ce&problem=multiclass&numClasses=3" --example 1,1,2 &&
  { expect "$OUT" '"target":[0.0,0.0,1.0]' "softmax target"
    # softmax_ce, not mse: the output sums to 1 and δ = y − t.
    expect "$OUT" '"output":[0.000' "softmax output"; }
# ... and one the model file contradicts is an error naming the key.
printf '{"inputs": ["x","y"], "loss": "mse", "layers": [{"activation": "linear", "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]}]}' >"$TMP/three_mse.json"
run 2 inspect --model "$TMP/three_mse.json" --state "loss=softmax_ce&problem=multiclass&numClasses=3" --example 1,1,2 &&
  expect "$ERR" "loss: the state says softmax_ce but the model file says mse" "loss conflict"
run 2 inspect --model "$TMP/model.json" --state "dataset=xor&networkShape=5" --example 1,1,1 &&
  expect "$ERR" "networkShape: the state says 5 but the model file says 3" "shape conflict"

# Lessons: the list, and N steps of one lesson as one JSON line each.
run 0 lesson --list &&
  { expect "$OUT" '"id":"worked-example"' "lesson list"; expect "$OUT" '"id":"xor-2-2-1"' "lesson list xor"
    expect "$OUT" '"id":"softmax-3"' "lesson list softmax"; }
run 0 lesson worked-example --steps 2 &&
  { [ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] || { echo "FAIL: expected 2 lesson lines"; failures=$((failures + 1)); }
    expect "$OUT" '"step":2' "lesson step 2"; expect "$OUT" '"grad_weights":[[-0.052877' "lecture's dE/dw1"
    expect "$OUT" '"weights_after":' "weights after"; expect "$OUT" '"weights":[[1.0052878]],"bias":null},{"activation":"linear","weights":[[1.0196612]]' "lecture's w1, w2 after step 1"; }
run 1 lesson nope && expect "$ERR" "unknown id 'nope'" "unknown lesson"
run 1 lesson xor-2-2-1 --steps x && expect "$ERR" "--steps: 'x'" "bad steps"
run 1 lesson && expect "$ERR" "lesson needs --list or a lesson id" "lesson without id"
# A lesson file: stepped like a built-in one; a bad one refused naming the field.
run 0 lesson "$(dirname "$0")/../../lessons/worked-example.json" --steps 1 && expect "$OUT" '"step":1' "lesson file step"
printf '{"format": "playground-lesson/1", "id": "x", "title": "X", "goals": [{"id": "g", "text": "t", "metric": "tesLoss", "below": 1}]}' >"$TMP/bad-lesson.json"
run 2 lesson "$TMP/bad-lesson.json" && expect "$ERR" "goals[0].metric: unknown metric" "bad lesson file names the field"

# Packaging a lesson into the one-file page (a stand-in page here) and as SCORM.
printf '<!doctype html><html><head><title>Playground</title></head><body><script>/* app */</script></body></html>' >"$TMP/page.html"
LESSON="$(dirname "$0")/../../lessons/xor-2-2-1.json"
run 0 package "$LESSON" --html -o "$TMP/lesson.html" --page "$TMP/page.html" &&
  { PAGE=$(cat "$TMP/lesson.html"); expect "$PAGE" '<script type="application/json" id="playground-lesson">' "lesson inside the page"
    expect "$PAGE" '"id": "xor-2-2-1"' "the lesson's id in the page"; expect "$PAGE" '<title>XOR on a 2-2-1 sigmoid network</title>' "page title"; }
run 1 package "$LESSON" -o "$TMP/x.zip" --page "$TMP/page.html" && expect "$ERR" "give one of --scorm" "package needs a format"
run 1 package "$LESSON" --scorm 3 -o "$TMP/x.zip" && expect "$ERR" "--scorm: '3' is not 1.2 or 2004" "scorm version"
run 2 package "$TMP/bad-lesson.json" --html -o "$TMP/x.html" --page "$TMP/page.html" && expect "$ERR" "goals[0].metric" "bad lesson not packaged"
# The WebAssembly CLI (playground-cli.js) has no zip library: it says so.
case "${CLI[*]}" in
  *.js*) run 2 package "$LESSON" --scorm 1.2 -o "$TMP/x.zip" --page "$TMP/page.html" &&
           expect "$ERR" "no zip library" "SCORM without libzip" ;;
esac
if [[ "${CLI[*]}" != *.js* ]] && command -v python3 >/dev/null; then
  for v in 1.2 2004; do
    run 0 package "$LESSON" --scorm "$v" -o "$TMP/lesson-$v.zip" --page "$TMP/page.html" &&
      { LIST=$(python3 -m zipfile -l "$TMP/lesson-$v.zip"); expect "$LIST" "imsmanifest.xml" "SCORM $v manifest"
        expect "$LIST" "index.html" "SCORM $v page"
        MANIFEST=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("imsmanifest.xml").decode())' "$TMP/lesson-$v.zip")
        case $v in
          1.2) expect "$MANIFEST" 'adlcp:scormtype="sco" href="index.html"' "SCORM 1.2 SCO"; expect "$MANIFEST" '<schemaversion>1.2</schemaversion>' "1.2 schema" ;;
          2004) expect "$MANIFEST" 'adlcp:scormType="sco" href="index.html"' "SCORM 2004 SCO"; expect "$MANIFEST" '2004 4th Edition' "2004 schema" ;;
        esac; }
  done
fi

# Divergence: exit 3, the last line says where.
run 3 train --state "problem=regression&activation=linear&learningRate=100&networkShape=8,8" --epochs 50 &&
  { expect "$OUT" '"diverged":true' "diverged line"; expect "$OUT" 'kept the last finite weights' "diverged message"; }

# ---- malformed input ----
run 1 && expect "$ERR" "Usage" "no command"
run 1 frobnicate && expect "$ERR" "unknown command 'frobnicate'" "unknown command"
run 1 train --state "" && expect "$ERR" "train needs --epochs N" "missing epochs"
run 1 train --epochs -3 && expect "$ERR" "--epochs: '-3'" "negative epochs"
run 1 train --epochs 1x && expect "$ERR" "--epochs: '1x'" "bad epochs"
run 1 train --epochs 1 --bogus 3 && expect "$ERR" "unknown option '--bogus'" "unknown option"
run 1 train --epochs && expect "$ERR" "option --epochs needs a value" "option without value"
run 1 train --epochs 1 --epochs 2 && expect "$ERR" "given twice" "option twice"
run 2 train --state "learningRate=abc" --epochs 1 && expect "$ERR" "learningRate: 'abc' is not a number" "bad state value"
run 2 train --state "x=false&y=false" --epochs 1 && expect "$ERR" "no input feature selected" "no features"
run 2 train --data "$TMP/missing.csv" --epochs 1 && expect "$ERR" "missing.csv: cannot open file" "missing CSV"
printf 'x1,x2,label\n1,2,1\n3,abc,1\n' >"$TMP/bad.csv"
run 2 train --data "$TMP/bad.csv" --epochs 1 && expect "$ERR" "line 3: column 2 'abc' is not a number" "bad CSV"
: >"$TMP/empty.csv"
run 2 train --data "$TMP/empty.csv" --epochs 1 && expect "$ERR" "no data rows" "empty CSV"
printf '1,2,nan\n1,2,1\n' >"$TMP/nan.csv"
run 2 train --state "problem=regression" --data "$TMP/nan.csv" --epochs 1 && expect "$ERR" "line 1: column 3 'nan'" "NaN in CSV"
printf '{"inputs": ["x","y"], "layers": [{"activation": "tanh", "weights": [[1, 2], [3]], "bias": [0, 0]}]}' >"$TMP/bad_model.json"
run 2 train --model "$TMP/bad_model.json" --epochs 1 && expect "$ERR" "layers[0].weights[1]" "bad model shape"
printf '{"inputs": ["x","y"], "layers": [' >"$TMP/cut_model.json"
run 2 inspect --model "$TMP/cut_model.json" --example 1,2,1 && expect "$ERR" "cut_model.json" "truncated model"
printf '{"inputs": ["x","y"], "layers": [{"activation": "tanh", "weights": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]}]}' >"$TMP/three.json"
run 2 inspect --model "$TMP/three.json" --example 1,2,1 && expect "$ERR" "the output layer has 3 units" "model outputs"
run 2 inspect --model "$TMP/nonexistent.json" --example 1,2,1 && expect "$ERR" "nonexistent.json" "missing model"
run 1 inspect --example 1,2 && expect "$ERR" "--example: expected 3 columns (x1, x2, label), found 2" "short example"
run 1 inspect --example 1,abc,1 && expect "$ERR" "--example: column 2 'abc' is not a number" "bad example"
run 1 inspect && expect "$ERR" "inspect needs --example" "inspect without example"

# ---- issue 13: limits and messages found by fuzzing and probing ----
# --example is a CSV row: the engine's numbers and the CSV's label rules.
run 1 inspect --example 1e308,1e308,1 && expect "$ERR" "column 1 '1e308' is out of range" "huge example"
run 1 inspect --example 0x10,0,1 && expect "$ERR" "column 1 '0x10' is not a number" "hex example"
run 1 inspect --example 0,0,5 && expect "$ERR" "column 3 '5' is not a class label" "label 5 in classification"
run 1 inspect --state "problem=regression" --example 0,0,1e20 && expect "$ERR" "'1e20' is out of range" "huge regression label"
run 1 inspect --state "problem=multiclass&numClasses=3" --example 0,0,3 && expect "$ERR" "'3' is not a class" "class 3 of 3"
run 0 inspect --state "problem=multiclass&numClasses=3" --example 0,0,2 && expect "$OUT" '"loss":' "class 2 of 3"
run 0 inspect --example 0.5,0.5,0 && expect "$OUT" '"loss":' "label 0 is -1"
# bench: argument errors are bad arguments (1), as for the other commands.
run 1 bench --seconds abc && expect "$ERR" "--seconds" "bench seconds"
run 1 bench --batch 0 && expect "$ERR" "--batch" "bench batch"
run 1 bench --network 9-9-9 && expect "$ERR" "no network matches" "bench network"
run 1 bench --frobnicate && expect "$ERR" "unknown option" "bench option"
run 1 bench --seconds && expect "$ERR" "needs a value" "bench value"
# bench's lines for the issue's figures (short runs: the lines, not the speed).
run 0 bench --network 2-8-8-8-8-8-8-1 --batch 10 --seconds 0.02 &&
  { expect "$OUT" '{"measure":"fma_peak","simd_target":' "bench fma_peak line"
    expect "$OUT" '"train_gflops":' "bench train_gflops"; expect "$OUT" '"train_peak_ratio":' "bench peak ratio"
    expect "$OUT" '{"measure":"eigen_peer","network":"2-8-8-8-8-8-8-1","batch":10,' "bench eigen_peer line"; }
run 0 bench --network 2-64-64-64-64-1 --batch 256 --seconds 0.02 &&
  { expect "$OUT" '{"measure":"ui_frame","network":"2-64-64-64-64-1","neurons":257,"drawn_neurons":65,' "bench ui_frame"
    expect "$OUT" '"frame_ms":' "bench frame_ms"; }
# An unwritable --save-model is found before training, not after every epoch.
run 2 train --epochs 10000000 --save-model "$TMP/no/such/dir/model.json" &&
  { expect "$ERR" "no/such/dir/model.json: cannot write the model file" "save-model checked first"
    [ -z "$OUT" ] || { echo "FAIL: trained before finding the --save-model path unwritable"; failures=$((failures + 1)); }; }
run 0 train --epochs 1 --save-model "$TMP/fresh.json" && [ -s "$TMP/fresh.json" ] ||
  { echo "FAIL: --save-model after the check"; failures=$((failures + 1)); }
# Only regular files, at most 16 MiB.
mkdir -p "$TMP/dir.csv" "$TMP/dir.json"
run 2 train --data "$TMP/dir.csv" --epochs 1 && expect "$ERR" "dir.csv: is a directory" "directory as --data"
run 2 train --model "$TMP/dir.json" --epochs 1 && expect "$ERR" "dir.json: is a directory" "directory as --model"
if [ -e /dev/zero ]; then
  run 2 train --model /dev/zero --epochs 1 && expect "$ERR" "/dev/zero: is not a regular file" "/dev/zero as --model"
  run 2 train --data /dev/zero --epochs 1 && expect "$ERR" "/dev/zero: is not a regular file" "/dev/zero as --data"
fi
{ printf '{"inputs": ["x","y"], "layers": [{"activation": "tanh", "weights": [[1, 2]]}]}'; head -c 16777216 /dev/zero | tr '\0' ' '; } >"$TMP/big.json"
run 2 train --model "$TMP/big.json" --epochs 1 && expect "$ERR" "more than the limit of 16777216" "model over 16 MiB"
# No epoch of minutes: points x parameters is bounded, naming the keys.
run 2 train --epochs 1 --state "numSamples=100000&batchSize=1&networkShape=256,256,256,256,256,256,256,256,256,256,256,256" &&
  expect "$ERR" "numSamples" "epoch work limit"
# Control characters and NUL in the input are escaped in messages.
printf 'x1,x2,label\n1,2,1\n1,\033[31mred,1\n' >"$TMP/esc.csv"
run 2 train --data "$TMP/esc.csv" --epochs 1 && expect "$ERR" "'\x1b[31mred' is not a number" "ESC escaped" &&
  case "$ERR" in *$'\033'*) echo "FAIL: raw ESC in a message"; failures=$((failures + 1)) ;; esac
printf 'x1,x2,label\n1,2,1\n1,a\000b,1\n' >"$TMP/nul.csv"
run 2 train --data "$TMP/nul.csv" --epochs 1 && expect "$ERR" "'a\x00b' is not a number" "NUL escaped"
# CSV round trip of quoted class names (what the UI's Download CSV writes).
printf 'x1,x2,label\n1,2,"a,b"\n3,4," b"\n5,6,b\n7,8," "\n' >"$TMP/quoted.csv"
run 0 train --state "problem=multiclass&networkShape=3" --data "$TMP/quoted.csv" --epochs 1

echo "cli tests: $checks checks, $failures failures"
[ "$failures" = 0 ]
