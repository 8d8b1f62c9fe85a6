const WORKGROUP_SIDE = 8;

/**
 * Records the compute passes of one image into one command buffer, with the buffers they need;
 * `submit` sends them and frees those buffers (WebGPU keeps a destroyed buffer alive until the
 * queued work using it has run), so one image's intermediates are gone before the next's exist.
 */
export class ImagePasses {
  private encoder: GPUCommandEncoder;
  private temporaries: GPUBuffer[] = [];

  constructor(private readonly device: GPUDevice) {
    this.encoder = device.createCommandEncoder();
  }

  /** A storage buffer holding `data`, its size rounded up to whole words. */
  upload(data: ArrayBufferView | ArrayBuffer, usage: number = GPUBufferUsage.STORAGE): GPUBuffer {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const buffer = this.track(this.device.createBuffer({ size: Math.max(16, Math.ceil(bytes.length / 16) * 16), usage, mappedAtCreation: true }));
    new Uint8Array(buffer.getMappedRange()).set(bytes);
    buffer.unmap();
    return buffer;
  }

  storage(bytes: number): GPUBuffer {
    return this.track(this.device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.STORAGE }));
  }

  /** Runs `pipeline` over `width` x `height` x `depth` invocations; `params` (u32 words) is bound last, as a uniform. */
  dispatch(pipeline: GPUComputePipeline, buffers: readonly GPUBuffer[], params: readonly number[], width: number, height: number, depth = 1): void {
    const uniform = this.upload(Uint32Array.from(params), GPUBufferUsage.UNIFORM);
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [...buffers, uniform].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = this.encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / WORKGROUP_SIDE), Math.ceil(height / WORKGROUP_SIDE), depth);
    pass.end();
  }

  submit(): void {
    this.device.queue.submit([this.encoder.finish()]);
    for (const buffer of this.temporaries) buffer.destroy();
    this.temporaries = [];
    this.encoder = this.device.createCommandEncoder();
  }

  private track(buffer: GPUBuffer): GPUBuffer {
    this.temporaries.push(buffer);
    return buffer;
  }
}
