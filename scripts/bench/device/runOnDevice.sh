#!/usr/bin/env bash
# The WebGPU bench on the borrowed GPU machine, from what packDeviceBench.ts packed into .devbench
# and the Vulkan loader packages in .gl (both travel as `carry`). One bench run per model and
# precision, each saved to $OUT as it finishes, so a run cut short still returns what it measured;
# first, decode steps as they are against replayed from a capture (benchReplayedSteps.ts), the
# replayed ones submitted as one, as ORT submits them, and 8 of ORT's command buffers at a time,
# alternating three rounds (the H200's timings swing between runs).
# Usage: OUT=dir scripts/bench/device/runOnDevice.sh "smollm2-135m:q4 smolvlm-256m:q4" [bench args...]
# (a GPU with shader-f16 runs q4f16 too, the precision the engine picks first there:
# "smollm2-135m:q4 smollm2-135m:q4f16 smolvlm-256m:q4f16")
set -uo pipefail
pairs="$1"; shift
source "$(dirname "$0")/deviceSetup.sh"
.devbench/node .devbench/bench/benchReplayedSteps.mjs --steps 20 --submits joined,ort,8 --rounds 3 2>&1 | tee "$OUT/replayed-steps.log"
for pair in $pairs; do
  model="${pair%%:*}" dtype="${pair##*:}"
  before=$(ls .cache/bench-results 2>/dev/null)
  .devbench/node .devbench/bench/bench.mjs --backend node-webgpu --model "$model" --dtype "$dtype" \
    --ort-node-threads 0 --no-docs "$@" 2>&1 | tee "$OUT/$model-$dtype.log"
  for f in $(ls .cache/bench-results 2>/dev/null); do
    grep -qx "$f" <<<"$before" || cp ".cache/bench-results/$f" "$OUT/$model-$dtype.json"
  done
done
