/**
 * One esbuild script for every bundle: the extension host, the webviews, and the Node CLI.
 * `--watch` rebuilds on change. ORT's wasm files are copied next to the webview bundles
 * because onnxruntime-web loads them at run time by URL.
 */
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common: esbuild.BuildOptions = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Node-side bundles: the CLI (and, once it exists, the extension host). */
const nodeBuilds: esbuild.BuildOptions[] = [
  {
    ...common,
    entryPoints: { cli: 'cli/main.ts' },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // onnxruntime-web finds its wasm files relative to its own package; keep it external in Node.
    external: ['onnxruntime-web', 'onnxruntime-node', 'sharp', '@huggingface/transformers'],
  },
];

/** Browser-side bundles (webviews, test pages). */
const browserBuilds: esbuild.BuildOptions[] = [];

/** Only the ORT builds the webviews use: the webgpu build's asyncify wasm and the plain wasm build. */
const ortFiles = [
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
];

function copyOrtFiles(): void {
  const to = join(dist, 'ort');
  mkdirSync(to, { recursive: true });
  for (const file of ortFiles) {
    cpSync(join(root, 'node_modules/onnxruntime-web/dist', file), join(to, file));
  }
}

async function main(): Promise<void> {
  copyOrtFiles();
  const builds = [...nodeBuilds, ...browserBuilds];
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
