/**
 * Counts the compute kernels a WebGPU implementation is asked to run, by wrapping its pass
 * encoder's prototype: on WebGPU a decode step costs about what its kernels cost to dispatch from
 * single-threaded wasm (docs/benchmarks.md), so kernels per token is the figure that explains the
 * decode ratio on any adapter, SwiftShader's included, whose times say nothing about a GPU's.
 */
import type { Clock } from './runCase';

type Dispatch = (this: GPUComputePassEncoder, ...args: never[]) => void;

/**
 * `clock` with the kernels dispatched so far, counted on this realm's `GPUComputePassEncoder`
 * (Chromium's, or Dawn's once installed as globals); `clock` itself where there is none. The
 * count is read first: the run a reading marks may start during the clock's own round trip.
 */
export function withGpuDispatches(clock: Clock): Clock {
  const read = countGpuDispatches((globalThis as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder } }).GPUComputePassEncoder);
  if (!read) return clock;
  return async () => {
    const gpuDispatches = read();
    return { ...(await clock()), gpuDispatches };
  };
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
