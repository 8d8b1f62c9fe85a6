/**
 * How a worker thread that runs the engine on onnxruntime-node is bundled: the extension's
 * (dist/engineWorker.js), the one the tests start, and the bench's onnxruntime-node case. Workers
 * do not inherit the tsx loader (and with it registered in one, the engine's dynamic imports stay
 * unresolved), so tests and the bench run bundles, not sources. onnxruntime-node loads its binary
 * relative to its own package, so it stays external.
 */
import * as esbuild from 'esbuild';

export const NATIVE_WORKER_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['onnxruntime-node'],
} as const satisfies esbuild.BuildOptions;

/** Bundles `entry` into `outfile`, which must lie in the project for onnxruntime-node to resolve from its node_modules. */
export async function bundleNativeWorker(entry: string, outfile: string): Promise<string> {
  await esbuild.build({ ...NATIVE_WORKER_OPTIONS, entryPoints: [entry], outfile, logLevel: 'warning' });
  return outfile;
}
