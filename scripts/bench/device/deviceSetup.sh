# Sourced by the run*OnDevice.sh scripts on the borrowed GPU machine: installs the Vulkan loader
# from the .gl debs when the machine lacks one, points it at NVIDIA's ICD, unpacks what
# packDeviceBench.ts xz-compressed in .devbench (with Python where xz is missing), and saves the GPU's
# name and driver to $OUT/gpu.txt.
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
