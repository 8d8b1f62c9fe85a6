#!/usr/bin/env bash
# The image preprocessing bench (CPU against WGSL through Dawn) on the borrowed GPU machine, from
# what packDeviceBench.ts packed into .devbench and the Vulkan loader packages in .gl (both travel
# as `carry`). Its JSON lines and table go to $OUT/image-preprocessing.txt.
# Usage: OUT=dir bash scripts/bench/device/runImageOnDevice.sh
set -uo pipefail
source "$(dirname "$0")/deviceSetup.sh"
.devbench/node .devbench/bench/benchImagePreprocessing.mjs 2>&1 | tee "$OUT/image-preprocessing.txt"
exit "${PIPESTATUS[0]}"
