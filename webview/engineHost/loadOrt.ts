/**
 * Imports the onnxruntime-web build for a device, and only that one: the WebGPU build loads the
 * asyncify wasm (27 MB), the plain build the smaller non-asyncify one (14 MB). Each is its own
 * chunk of the webview bundle, fetched on first use.
 */
import type { Device, Ort } from '../engine/api';

export async function loadOrt(device: Device, ortBaseUrl: string): Promise<Ort> {
  const ort: Ort = device === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  // VS Code webviews are not cross-origin isolated, so there is no SharedArrayBuffer: one thread,
  // and no proxy worker (it would need to load the runtime again from a blob).
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = ortBaseUrl;
  return ort;
}
