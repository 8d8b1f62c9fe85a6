/**
 * Counts the compute kernels a WebGPU implementation is asked to run, and the command buffer
 * submits that hand them over, by wrapping its pass encoder's and queue's prototypes: on WebGPU a
 * decode step costs about what its kernels cost to dispatch from single-threaded wasm
 * (docs/benchmarks.md), and in Chromium each submit a trip to the GPU process, so kernels and
 * submits per token are the figures that explain the decode ratio on any adapter, SwiftShader's
 * included, whose times say nothing about a GPU's.
 */
import { countCalls } from './countCalls';
import type { Clock } from './runCase';

/**
 * `clock` with the kernels dispatched and the submits made so far, counted on this realm's
 * `GPUComputePassEncoder` and `GPUQueue` (Chromium's, or Dawn's once installed as globals);
 * `clock` itself where there are none. The counts are read first: the run a reading marks may
 * start during the clock's own round trip.
 */
export function withGpuDispatches(clock: Clock): Clock {
  const realm = globalThis as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder }; GPUQueue?: { prototype: GPUQueue } };
  const dispatches = countGpuDispatches(realm.GPUComputePassEncoder);
  const submits = countGpuSubmits(realm.GPUQueue);
  if (!dispatches || !submits) return clock;
  return async () => {
    const counts = { gpuDispatches: dispatches(), gpuSubmits: submits() };
    return { ...(await clock()), ...counts };
  };
}

/** A reading of the submits made on `queue`'s prototype from now on; undefined where the realm has none. */
export function countGpuSubmits(queue: { prototype: GPUQueue } | undefined): (() => number) | undefined {
  return queue && countCalls(queue.prototype, ['submit']).count;
}

/** A reading of the kernels dispatched on `encoder`'s prototype from now on; undefined where the realm has none. */
export function countGpuDispatches(encoder: { prototype: GPUComputePassEncoder } | undefined): (() => number) | undefined {
  return encoder && countCalls(encoder.prototype, ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect']).count;
}
