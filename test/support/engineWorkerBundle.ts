import * as esbuild from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * Bundles the native engine worker as `npm run build` does (onnxruntime-node external), into
 * .cache/ so that its `require('onnxruntime-node')` finds the project's node_modules. Workers do
 * not inherit the tsx loader, so tests run the bundle, not the sources.
 */
export async function engineWorkerBundle(): Promise<string> {
  const outfile = join(root, '.cache', 'test-engine-worker', `engineWorker-${process.pid}.js`);
  await esbuild.build({
    entryPoints: [join(root, 'src/engineHost/worker/engineWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['onnxruntime-node'],
    logLevel: 'warning',
  });
  return outfile;
}
