import type { Ort } from '../../../webview/engine/api';
import { importFixedOrt } from './fixedOrt';
import { installDawnWebgpu } from './dawnWebgpu';

/**
 * onnxruntime-web's WebGPU build in Node, on Dawn: the build the engine webview loads, with the
 * fixes the webview's bundle gets (scripts/ortPatches.ts), one thread (a webview has no
 * SharedArrayBuffer), its wasm files from the installed package.
 */
export async function webgpuOrt(): Promise<Ort> {
  if (!(await installDawnWebgpu().requestAdapter())) {
    throw new Error(
      'Dawn found no WebGPU adapter (no Vulkan driver). Without a GPU, SwiftShader will do: ' +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json, or for float16 models (shader-f16) ' +
        'the lavapipe driver scripts/e2e/setup.sh fetches: VK_ICD_FILENAMES=.cache/e2e/lavapipe/lvp_icd.json',
    );
  }
  // What `import 'onnxruntime-web/webgpu'` loads in Node (and what the device pack carries).
  return importFixedOrt('ort.webgpu.bundle.min.mjs', 'ort-wasm-simd-threaded.asyncify.wasm');
}
