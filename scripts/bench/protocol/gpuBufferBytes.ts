/**
 * The bytes of the GPU buffers a WebGPU implementation holds, counted by wrapping its
 * `GPUDevice.createBuffer` and `GPUBuffer.destroy` (Dawn's in Node, once installed as globals):
 * what a WebGPU case keeps on the GPU, weights, cache and ORT's own buffers alike, on any adapter
 * (SwiftShader and lavapipe keep theirs in CPU memory, where the process's RSS mixes them with
 * the rest). A buffer left to the garbage collector without `destroy` counts as held.
 */
type Globals = { GPUDevice?: { prototype: GPUDevice }; GPUBuffer?: { prototype: GPUBuffer } };

export interface GpuBufferBytes {
  /** Held now. */
  live(): number;
  /** The most held at once since counting began. */
  peak(): number;
}

/** Counts from now on, on `globals`' prototypes; undefined where the realm has no WebGPU. */
export function countGpuBufferBytes(globals: Globals = globalThis as Globals): GpuBufferBytes | undefined {
  if (!globals.GPUDevice || !globals.GPUBuffer) return undefined;
  const sizes = new WeakMap<GPUBuffer, number>();
  let live = 0;
  let peak = 0;
  const device = globals.GPUDevice.prototype;
  const create = device.createBuffer;
  device.createBuffer = function counted(this: GPUDevice, descriptor: GPUBufferDescriptor) {
    const buffer = create.call(this, descriptor);
    sizes.set(buffer, descriptor.size);
    live += descriptor.size;
    peak = Math.max(peak, live);
    return buffer;
  };
  const buffer = globals.GPUBuffer.prototype;
  const destroy = buffer.destroy;
  buffer.destroy = function counted(this: GPUBuffer) {
    live -= sizes.get(this) ?? 0;
    sizes.delete(this);
    return destroy.call(this);
  };
  return { live: () => live, peak: () => peak };
}
