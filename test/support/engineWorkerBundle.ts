import { join } from 'node:path';
import { bundleNativeWorker } from '../../scripts/nativeWorkerBundle';

const root = join(import.meta.dirname, '..', '..');

/**
 * Bundles the native engine worker as `npm run build` does, into .cache/ so that its
 * `require('onnxruntime-node')` finds the project's node_modules.
 */
export function engineWorkerBundle(): Promise<string> {
  const outfile = join(root, '.cache', 'test-engine-worker', `engineWorker-${process.pid}.js`);
  return bundleNativeWorker(join(root, 'src/engineHost/worker/engineWorker.ts'), outfile);
}
