import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ort } from '../../../webview/engine/api';
import { fixedOrtBuild } from './fixedOrtBuild';

/**
 * onnxruntime-web's plain wasm build in Node, as the engine webview runs it without WebGPU: with
 * the fixes the webview's bundle gets (scripts/ortPatches.ts), one thread (a webview has no
 * SharedArrayBuffer), its wasm from the installed package.
 */
export async function wasmOrt(): Promise<Ort> {
  const dist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
  const ort = (await import(fixedOrtBuild(dist, 'ort.wasm.bundle.min.mjs'))) as unknown as Ort;
  ort.env.wasm.wasmPaths = pathToFileURL(join(dist, '/')).href;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}
