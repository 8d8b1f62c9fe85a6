/**
 * One esbuild script for every bundle: the extension host, its native engine worker, the webviews,
 * and the Node CLI. `--watch` rebuilds on change. ORT's wasm files are copied next to the webview
 * bundles because onnxruntime-web loads them at run time by URL; onnxruntime-node, a native addon,
 * is copied to dist/node_modules/ for one platform (see `copyNativeRuntime`).
 */
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateFixtures, type FixtureName } from './fixtures/generateFixtures';
import { NATIVE_WORKER_OPTIONS } from './nativeWorkerBundle';
import { ortPatches } from './ortPatches';
import { nativeRuntimeFiles, nativeTargetOf } from './package/nativeRuntimeFiles';

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

/** Node-side bundles: the extension host and the CLI. */
const nodeBuilds: esbuild.BuildOptions[] = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    // The native engine (docs/engine-host.md): a worker thread of the extension host, whose
    // onnxruntime-node is resolved from dist/node_modules/ at run time.
    ...NATIVE_WORKER_OPTIONS,
    entryPoints: { engineWorker: 'src/engineHost/worker/engineWorker.ts' },
    outdir: dist,
  },
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
const browserBuilds: esbuild.BuildOptions[] = [
  {
    ...common,
    // The engine webview. ESM with splitting, so that each onnxruntime-web build (WebGPU or plain
    // wasm) is a chunk fetched only when that device is used; the extern-wasm condition picks the
    // builds that load their wasm glue from dist/ort/ instead of inlining it.
    entryPoints: { engineHost: 'webview/engineHost/main.ts' },
    outdir: join(dist, 'webview'),
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    format: 'esm',
    splitting: true,
    target: 'es2022',
    conditions: ['onnxruntime-web-use-extern-wasm'],
    plugins: [ortPatches],
  },
  {
    ...common,
    // The chat view (docs/chat-panel.md): its script, and its stylesheet with the codicon font
    // inlined, so the page loads two files and the CSP needs no font host.
    entryPoints: [
      { in: 'webview/chat/main.ts', out: 'chat' },
      { in: 'media/chat/chat.css', out: 'chat' },
    ],
    outdir: join(dist, 'webview'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.ttf': 'dataurl' },
  },
];

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

/**
 * Copies onnxruntime-node's run-time files (its JS, onnxruntime-common's CommonJS build and the
 * binaries of one platform) to dist/node_modules/, where the worker bundle's `require` finds them
 * and the .vsix takes them from (.vscodeignore). Which platform: `INKWELL_TARGET` (a VS Code target
 * such as `linux-x64`, set by `npm run package:target`); else, in a development build, this
 * machine's; a production build without a target (the universal .vsix) carries none, and the
 * engine then runs in the webview.
 */
function copyNativeRuntime(): void {
  const to = join(dist, 'node_modules');
  rmSync(to, { recursive: true, force: true });
  const target = process.env.INKWELL_TARGET || (production ? undefined : `${process.platform}-${process.arch}`);
  if (!target) return;
  const native = nativeTargetOf(target);
  if (!native) {
    if (process.env.INKWELL_TARGET) throw new Error(`onnxruntime-node has no binary for the target ${target}.`);
    console.warn(`build: onnxruntime-node has no binary for ${target}; the engine will run in the webview.`);
    return;
  }
  for (const file of nativeRuntimeFiles(join(root, 'node_modules'), native)) {
    mkdirSync(join(to, file, '..'), { recursive: true });
    cpSync(join(root, 'node_modules', file), join(to, file));
  }
}

/** The demo models the extension ships in dist/models/, so that every feature works offline. */
const bundledModels: FixtureName[] = ['tiny-llama', 'tiny-smolvlm', 'colour-vlm'];

/**
 * Writes the bundled models that dist/models/ lacks (they are deterministic, so existing ones
 * stay). A development build goes on without one whose generator fails, and the extension says
 * the model is missing if asked for it; a production build (the .vsix) must have them all.
 */
async function generateBundledModels(): Promise<void> {
  const to = join(dist, 'models');
  for (const name of bundledModels.filter((model) => !existsSync(join(to, model, 'config.json')))) {
    try {
      await generateFixtures(to, { only: [name] });
    } catch (error) {
      if (production) throw error;
      console.warn(`build: bundled model ${name} not generated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function main(): Promise<void> {
  // Chunk names carry content hashes: clear the old ones so that a package holds only this build's.
  rmSync(join(dist, 'webview'), { recursive: true, force: true });
  copyOrtFiles();
  copyNativeRuntime();
  await generateBundledModels();
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
