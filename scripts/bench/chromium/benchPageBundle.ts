/**
 * Bundles the bench page once per backend. Every `onnxruntime-web*` import (the engine's, the
 * page's and transformers.js', which otherwise brings its own newer build) resolves to the one
 * build the backend uses, and `onnxruntime-common` to ours: both engines share one ORT module.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ortPatches } from '../../ortPatches';

const root = join(import.meta.dirname, '..', '..', '..');

export async function bundleBenchPage(device: 'wasm' | 'webgpu'): Promise<string> {
  const out = join(root, '.cache', 'bench-page', device);
  mkdirSync(out, { recursive: true });
  const ortEntry = device === 'webgpu' ? 'onnxruntime-web/webgpu' : 'onnxruntime-web/wasm';
  const oneOrt: esbuild.Plugin = {
    name: 'one-onnxruntime',
    setup(build) {
      build.onResolve({ filter: /^onnxruntime-(web|common)(\/.*)?$/ }, (args) => {
        if (args.pluginData === 'resolved') return undefined;
        const target = args.path.startsWith('onnxruntime-common') ? 'onnxruntime-common' : ortEntry;
        return build.resolve(target, { resolveDir: root, kind: args.kind, pluginData: 'resolved' });
      });
    },
  };
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'benchPage.ts')],
    bundle: true,
    format: 'esm',
    outdir: out,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'error',
    conditions: ['onnxruntime-web-use-extern-wasm'],
    plugins: [oneOrt, ortPatches],
  });
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./benchPage.js"></script>');
  return out;
}
