/**
 * Counts the compute kernels a WebGPU implementation is asked to run, by wrapping its pass
 * encoder's prototype: on WebGPU a decode step costs about what its kernels cost to dispatch from
 * single-threaded wasm (docs/benchmarks.md), so kernels per token is the figure that explains the
 * decode ratio on any adapter, SwiftShader's included, whose times say nothing about a GPU's.
 */
type Dispatch = (this: GPUComputePassEncoder, ...args: never[]) => void;

/** A reader of the running count, or undefined where `encoder` (the implementation's `GPUComputePassEncoder`) is missing. */
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
