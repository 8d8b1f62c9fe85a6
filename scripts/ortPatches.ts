/**
 * Our fixes to onnxruntime-web's JavaScript (each file says what it fixes and why), applied to
 * every build they fit, wherever we bundle or ship one: the webviews, the test and bench pages,
 * the device bench.
 */
import type * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { ORT_WEBGPU_BUILD, patchGraphCaptureOutputs } from './ortGraphCapturePatch';
import { ORT_MINIFIED_BROWSER_BUILD, patchResidentInputs } from './ortResidentInputsPatch';

/** `source`, the file at `path`, with the fixes that apply to it. */
export function patchOrtBuild(path: string, source: string): string {
  let patched = source;
  if (ORT_WEBGPU_BUILD.test(path)) patched = patchGraphCaptureOutputs(patched);
  if (ORT_MINIFIED_BROWSER_BUILD.test(path)) patched = patchResidentInputs(patched);
  return patched;
}

/** Whether `path` is a build that `patchOrtBuild` changes. */
export function isPatchedOrtBuild(path: string): boolean {
  return ORT_WEBGPU_BUILD.test(path) || ORT_MINIFIED_BROWSER_BUILD.test(path);
}

/** Applies the fixes as esbuild loads onnxruntime-web's builds. */
export const ortPatches: esbuild.Plugin = {
  name: 'onnxruntime-web-fixes',
  setup(build) {
    build.onLoad({ filter: /onnxruntime-web[\\/]dist[\\/]ort\.[^\\/]*\.mjs$/ }, (args) =>
      isPatchedOrtBuild(args.path) ? { contents: patchOrtBuild(args.path, readFileSync(args.path, 'utf8')), loader: 'js' } : undefined,
    );
  },
};
