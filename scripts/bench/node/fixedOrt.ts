import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ort } from '../../../webview/engine/api';
import { patchOrtBuild } from '../../ortPatches';

/**
 * onnxruntime-web's `build` (a file of its `dist`) in Node as the engine webview runs it: with the
 * fixes the webview's bundle gets (scripts/ortPatches.ts), one thread (a webview has no
 * SharedArrayBuffer), its wasm (`wasmFile`, which also locates the installed package) from there.
 */
export async function importFixedOrt(build: string, wasmFile: string): Promise<Ort> {
  const dist = dirname(createRequire(import.meta.url).resolve(`onnxruntime-web/${wasmFile}`));
  const ort = (await import(fixedBuild(dist, build))) as unknown as Ort;
  ort.env.wasm.wasmPaths = pathToFileURL(join(dist, '/')).href;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}

/** The plain wasm build: what the engine webview runs on without WebGPU. */
export function wasmOrt(): Promise<Ort> {
  return importFixedOrt('ort.wasm.bundle.min.mjs', 'ort-wasm-simd-threaded.wasm');
}

/**
 * The URL of `build` with the fixes: a fixed copy in .cache/, or the installed file where they do
 * not apply: the device pack's, fixed when it was packed (or an ORT whose code has changed, where
 * the engine falls back to what it does without them).
 */
function fixedBuild(dist: string, build: string): string {
  const installed = join(dist, build);
  let fixed: string;
  try {
    fixed = patchOrtBuild(installed, readFileSync(installed, 'utf8'));
  } catch {
    return pathToFileURL(installed).href;
  }
  const dir = join(import.meta.dirname, '..', '..', '..', '.cache', 'ort-fixed');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, build);
  writeFileSync(copy, fixed);
  return pathToFileURL(copy).href;
}
