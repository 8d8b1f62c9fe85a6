import type * as OrtTypes from 'onnxruntime-web';
import { float16ToFloat32 } from './float16';
import type { Shortlist } from './shortlist';
import { ITEMS_PER_THREAD, NO_INDEX, shortlistShader, WORKGROUP_SIZE } from './shortlistShader';

type Tensor = OrtTypes.Tensor;
export type LogitsDtype = 'float32' | 'float16';

const MIN_ASKED_CAPACITY = 256;

/**
 * A shortlist (shortlist.ts) of the last row of WebGPU-resident logits, made on the GPU: one
 * submission, then a read-back of 8 bytes plus 4 per asked id instead of the whole row. The
 * repetition penalty itself stays on the CPU: the sampler's arithmetic (double, then rounded to
 * float32, as transformers.js) cannot be reproduced exactly in WGSL, whose division may be off by
 * 2.5 ULP. Pipelines and buffers are made for one device, dtype and vocabulary, and reused.
 */
export class ShortlistOnGpu {
  private readonly layout: GPUBindGroupLayout;
  private readonly pipelines: Record<'markAsked' | 'reduceThreads' | 'reduceAll', GPUComputePipeline>;
  private readonly groups: number;
  private readonly uniforms: GPUBuffer;
  private readonly marks: GPUBuffer;
  private readonly partials: GPUBuffer;
  private readonly best: GPUBuffer;
  private asked!: { capacity: number; ids: GPUBuffer; bits: GPUBuffer; staging: GPUBuffer };
  /** Marks equal to this step's stamp are its asked ids; a fresh stamp per step spares clearing them. */
  private stamp = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly dtype: LogitsDtype,
    readonly vocab: number,
  ) {
    // In the order of the shader's bindings: logits, askedIds, marks, askedBits, partials, best, params.
    const types: GPUBufferBindingType[] = ['read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage', 'storage', 'uniform'];
    this.layout = device.createBindGroupLayout({
      entries: types.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
    });
    const module = device.createShaderModule({ code: shortlistShader(dtype) });
    const layout = device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    const pipeline = (entryPoint: string) => device.createComputePipeline({ layout, compute: { module, entryPoint } });
    this.pipelines = { markAsked: pipeline('markAsked'), reduceThreads: pipeline('reduceThreads'), reduceAll: pipeline('reduceAll') };
    this.groups = Math.ceil(vocab / (WORKGROUP_SIZE * ITEMS_PER_THREAD));
    const buffer = (size: number, usage: number) => device.createBuffer({ size, usage });
    this.uniforms = buffer(16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.marks = buffer(vocab * 4, GPUBufferUsage.STORAGE);
    this.partials = buffer(this.groups * WORKGROUP_SIZE * 8, GPUBufferUsage.STORAGE);
    this.best = buffer(8, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    this.allocateAsked(MIN_ASKED_CAPACITY);
  }

  /** The shortlist of `logits`' last row ([1, N, vocab]) holding `askedIds` (ids past the vocabulary are left out). */
  async shortlist(logits: Tensor, askedIds: readonly number[]): Promise<Shortlist> {
    const asked = Uint32Array.from(new Set(askedIds.filter((id) => id < this.vocab)));
    if (asked.length > this.asked.capacity) this.allocateAsked(2 ** Math.ceil(Math.log2(asked.length)));
    const rowStart = logits.dims.reduce((a, b) => a * b, 1) - this.vocab;
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    this.device.queue.writeBuffer(this.uniforms, 0, Uint32Array.of(rowStart, this.vocab, asked.length, this.stamp));
    if (asked.length > 0) this.device.queue.writeBuffer(this.asked.ids, 0, asked);

    const bindGroup = this.device.createBindGroup({
      layout: this.layout,
      entries: [logits.gpuBuffer, this.asked.ids, this.marks, this.asked.bits, this.partials, this.best, this.uniforms].map(
        (buffer, binding) => ({ binding, resource: { buffer } }),
      ),
    });
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setBindGroup(0, bindGroup);
    if (asked.length > 0) {
      pass.setPipeline(this.pipelines.markAsked);
      pass.dispatchWorkgroups(Math.ceil(asked.length / WORKGROUP_SIZE));
    }
    pass.setPipeline(this.pipelines.reduceThreads);
    pass.dispatchWorkgroups(this.groups);
    pass.setPipeline(this.pipelines.reduceAll);
    pass.dispatchWorkgroups(1);
    pass.end();
    const { staging } = this.asked;
    encoder.copyBufferToBuffer(this.best, 0, staging, 0, 8);
    if (asked.length > 0) encoder.copyBufferToBuffer(this.asked.bits, 0, staging, 8, asked.length * 4);
    this.device.queue.submit([encoder.finish()]);

    const size = 8 + asked.length * 4;
    await staging.mapAsync(GPUMapMode.READ, 0, size);
    const words = new Uint32Array(staging.getMappedRange(0, size).slice(0));
    staging.unmap();
    return this.entries(asked, words);
  }

  dispose(): void {
    for (const buffer of [this.uniforms, this.marks, this.partials, this.best, this.asked.ids, this.asked.bits, this.asked.staging]) {
      buffer.destroy();
    }
  }

  /** `words` is [best index, best bits, ...asked bits]; bits are float32s, or float16s in the low half. */
  private entries(asked: Uint32Array, words: Uint32Array): Shortlist {
    const [bestIndex, bestBits] = words;
    const hasBest = bestIndex !== NO_INDEX;
    const ids = new Uint32Array(asked.length + (hasBest ? 1 : 0));
    const bits = new Uint32Array(ids.length);
    ids.set(asked);
    bits.set(words.subarray(2));
    if (hasBest) {
      ids[asked.length] = bestIndex;
      bits[asked.length] = bestBits;
    }
    return { ids, logits: this.dtype === 'float32' ? new Float32Array(bits.buffer) : float16ToFloat32(Uint16Array.from(bits)) };
  }

  private allocateAsked(capacity: number): void {
    if (this.asked) for (const buffer of [this.asked.ids, this.asked.bits, this.asked.staging]) buffer.destroy();
    this.asked = {
      capacity,
      ids: this.device.createBuffer({ size: capacity * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
      bits: this.device.createBuffer({ size: capacity * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC }),
      staging: this.device.createBuffer({ size: 8 + capacity * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
    };
  }
}
