import * as ort from 'onnxruntime-web';
import type { Ort } from '../../api';

/**
 * onnxruntime-web in Node: the wasm backend, single-threaded — the same configuration a VS Code
 * webview gets (no SharedArrayBuffer there), so Node runs measure what users get on the CPU.
 */
export function nodeOrt(): Ort {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}
