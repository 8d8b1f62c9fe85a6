#!/usr/bin/env bash
# The WebGPU bench on the borrowed GPU machine, from what packDeviceBench.ts packed into .devbench
# and the Vulkan loader packages in .gl (both travel as `carry`). One bench run per model and
# precision, each saved to $OUT as it finishes, so a run cut short still returns what it measured.
# Usage: OUT=dir scripts/bench/device/runOnDevice.sh "smollm2-135m:q4 smolvlm-256m:q4" [bench args...]
set -uo pipefail
pairs="$1"; shift
: "${OUT:?set OUT to the folder that comes back}"
if ! ldconfig -p | grep -q libvulkan.so.1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[[ -f "$icd" && -z "${VK_ICD_FILENAMES:-}" ]] && export VK_DRIVER_FILES="$icd"
find .devbench -name '*.xz' -exec xz -d -f {} + 2>/dev/null ||
  find .devbench -name '*.xz' -exec python3 -c 'import lzma, shutil, sys, os
for p in sys.argv[1:]:
    with lzma.open(p) as src, open(p[:-3], "wb") as dst: shutil.copyfileobj(src, dst)
    os.remove(p)' {} +
chmod +x .devbench/node
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >"$OUT/gpu.txt" 2>&1 || true
for pair in $pairs; do
  model="${pair%%:*}" dtype="${pair##*:}"
  before=$(ls .cache/bench-results 2>/dev/null)
  .devbench/node .devbench/bench/bench.mjs --backend node-webgpu --model "$model" --dtype "$dtype" \
    --ort-node-threads 0 --no-docs "$@" 2>&1 | tee "$OUT/$model-$dtype.log"
  for f in $(ls .cache/bench-results 2>/dev/null); do
    grep -qx "$f" <<<"$before" || cp ".cache/bench-results/$f" "$OUT/$model-$dtype.json"
  done
done
