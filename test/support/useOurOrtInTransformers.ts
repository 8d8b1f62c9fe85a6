import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';

/**
 * transformers.js takes a runtime registered under Symbol.for('onnxruntime') instead of its own;
 * this must run before '@huggingface/transformers' is first loaded, so import it first. Setting
 * wasmPaths to the installed package stops transformers.js from pointing ORT at a CDN.
 */
const dist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
ort.env.wasm.wasmPaths = `${pathToFileURL(join(dist, '/')).href}`;
ort.env.wasm.numThreads = 1;
(globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
