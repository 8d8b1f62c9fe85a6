/**
 * Packs the bench for a GPU machine that has no node_modules, no browser and no network (the
 * device machine this project borrows; see docs/benchmarks.md): the bench, its case runner and
 * the image preprocessing bench bundled into .devbench/bench/, the two packages loaded at run time (onnxruntime-web's WebGPU
 * build with its wasm, fixed as scripts/ortPatches.ts says, and Dawn for Linux x64) in
 * .devbench/node_modules/, and a Node binary.
 * Large files are xz-compressed to fit what travels; deviceSetup.sh (sourced by runOnDevice.sh
 * and runImageOnDevice.sh) unpacks them there.
 *
 *   npx tsx scripts/bench/device/packDeviceBench.ts [path/to/node]
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPatchedOrtBuild, patchOrtBuild } from '../../ortPatches';

const root = join(import.meta.dirname, '..', '..', '..');
// Two folders below the root, like scripts/bench/, so the bundle finds the root's .cache/ as the
// sources do.
const out = join(root, '.devbench');
const bench = join(root, 'scripts', 'bench');

/** Imported by code paths the device run never takes (Chromium, onnxruntime-node, sharp). */
const ABSENT = /^(playwright-core|esbuild|sharp|onnxruntime-node|tsx(\/.*)?)$/;

const absentModules: esbuild.Plugin = {
  name: 'absent-modules',
  setup(build) {
    build.onResolve({ filter: ABSENT }, (args) => ({ path: args.path, namespace: 'absent' }));
    // CommonJS, so that any named import resolves (to undefined) instead of failing the build.
    build.onLoad({ filter: /.*/, namespace: 'absent' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const carried = {
  'onnxruntime-web': ['package.json', 'dist/ort.webgpu.bundle.min.mjs', 'dist/ort-wasm-simd-threaded.asyncify.mjs', 'dist/ort-wasm-simd-threaded.asyncify.wasm'],
  webgpu: ['package.json', 'index.js', 'dist/linux-x64/dawn.node'],
};

async function main(nodeBinary: string): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: {
      bench: join(bench, 'bench.ts'),
      nodeCase: join(bench, 'node', 'nodeCase.ts'),
      benchImagePreprocessing: join(bench, 'image', 'benchImagePreprocessing.ts'),
      benchReplayedSteps: join(bench, 'replay', 'benchReplayedSteps.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: join(out, 'bench'),
    outExtension: { '.js': '.mjs' },
    external: ['onnxruntime-web/webgpu', 'webgpu'],
    // Bundled CommonJS (protobufjs and others) calls require(); ESM output has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [absentModules],
    logLevel: 'error',
  });
  for (const [name, files] of Object.entries(carried)) {
    for (const file of files) {
      const to = join(out, 'node_modules', name, file);
      mkdirSync(dirname(to), { recursive: true });
      const from = join(root, 'node_modules', name, file);
      if (isPatchedOrtBuild(from)) writeFileSync(to, patchOrtBuild(from, readFileSync(from, 'utf8')));
      else copyFileSync(from, to);
    }
  }
  // transformers.js require()s onnxruntime-node at run time, past the bundler; the runtime it is
  // given under Symbol.for('onnxruntime') is what it uses, so an empty package will do.
  const stub = join(out, 'node_modules', 'onnxruntime-node');
  mkdirSync(stub, { recursive: true });
  writeFileSync(join(stub, 'package.json'), '{ "name": "onnxruntime-node", "main": "index.js" }\n');
  writeFileSync(join(stub, 'index.js'), 'module.exports = {};\n');
  copyFileSync(nodeBinary, join(out, 'node'));
  for (const big of ['node', 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm', 'node_modules/webgpu/dist/linux-x64/dawn.node']) {
    execFileSync('xz', ['-T0', '-6', join(out, big)]);
  }
  const total = execFileSync('du', ['-sb', out], { encoding: 'utf8' }).split('\t')[0];
  process.stdout.write(`packed ${out}: ${(Number(total) / 2 ** 20).toFixed(1)} MiB (node ${statSync(nodeBinary).size >> 20} MiB before xz)\n`);
}

void main(process.argv[2] ?? process.execPath);
