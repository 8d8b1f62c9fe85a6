/**
 * Counts the compute kernels a WebGPU implementation is asked to run, and the command buffer
 * submits that hand them over, by wrapping its pass encoder's and queue's prototypes: on WebGPU a
 * decode step costs about what its kernels cost to dispatch from single-threaded wasm
 * (docs/benchmarks.md), and in Chromium each submit a trip to the GPU process, so kernels and
 * submits per token are the figures that explain the decode ratio on any adapter, SwiftShader's
 * included, whose times say nothing about a GPU's.
 */
import type { Clock } from './runCase';

type Dispatch = (this: GPUComputePassEncoder, ...args: never[]) => void;

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
  if (!queue) return undefined;
  let count = 0;
  const proto = queue.prototype;
  const submit = proto.submit;
  proto.submit = function counted(this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
    count++;
    return submit.call(this, buffers);
  };
  return () => count;
}

/** A reading of the kernels dispatched on `encoder`'s prototype from now on; undefined where the realm has none. */
export function countGpuDispatches(encoder: { prototype: GPUComputePassEncoder } | undefined): (() => number) | undefined {
  if (!encoder) return undefined;
  let count = 0;
  const proto = encoder.prototype as unknown as Record<'dispatchWorkgroups' | 'dispatchWorkgroupsIndirect', Dispatch>;
  for (const name of ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect'] as const) {
    const original = proto[name];
    proto[name] = function counted(this: GPUComputePassEncoder, ...args: never[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return () => count;
}
