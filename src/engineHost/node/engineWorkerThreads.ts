import { availableParallelism } from 'node:os';

/**
 * onnxruntime-node's intra-op threads for the engine worker: half the cores, at least one, at
 * most eight. The editor, its language servers and the extension host need the rest, and on the
 * shared 2-core bench machine 2 threads decoded at 1.3x one thread in one run and 0.6x in another
 * (docs/engine-host.md, "Native CPU runtime"): threads beyond the idle cores do not pay.
 */
export function engineWorkerThreads(cores: number = availableParallelism()): number {
  return Math.min(8, Math.max(1, Math.ceil(cores / 2)));
}
