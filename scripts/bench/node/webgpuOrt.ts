import { readFileSync } from 'node:fs';
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

/**
 * The same module for transformers.js as its browser build would use it. In Node it hands sessions
 * a file path (onnxruntime-node reads it itself), where the browser build only takes bytes; and it
 * creates a model's sessions all at once, which onnxruntime-web's WebGPU backend refuses ("another
 * WebGPU EP inference session is being created"), so they are created one after another, as
 * transformers.js' browser path does itself.
 */
export function readingModelPaths(ort: Ort): Ort {
  const sessions = ort.InferenceSession as unknown as { create(model: unknown, options?: unknown): Promise<unknown> };
  let chain: Promise<unknown> = Promise.resolve();
  const create = (model: unknown, options?: unknown) => {
    const created = chain.then(() => sessions.create(typeof model === 'string' ? readFileSync(model) : model, options));
    chain = created.catch(() => undefined);
    return created;
  };
  return { ...ort, InferenceSession: Object.assign(Object.create(sessions) as object, { create }) } as unknown as Ort;
}
