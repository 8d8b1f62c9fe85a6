import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { bindingSize, declaredFloatType, floatBytes, type FloatType } from './floatTypes';
import type { InPlaceGpuKvCache } from './inPlaceGpuKvCache';
import { withJoinedSubmits } from './joinedSubmits';
import { SEQLENS_K, TOTAL_SEQUENCE_LENGTH } from './kvCacheNames';

type Tensor = OrtTypes.Tensor;
type Session = OrtTypes.InferenceSession;

/**
 * A decoder session whose decode step onnxruntime records once and then replays (its WebGPU
 * backend's graph capture): a replayed step dispatches the recorded kernels with their bind groups
 * and uniforms as they were, without ORT running each kernel's CPU side again. On the H200 a decode
 * step was bound by that CPU side (docs/benchmarks.md); measured in headless Chromium on SwiftShader
 * for SmolLM2-135M q4 with GroupQueryAttention, `run()` of a step took 22-72 ms of the page's time
 * and 1.9-6 ms replayed, with the same logits, bit for bit. A capture binds every input and output
 * to one GPU buffer for good, at one shape, so these inputs live in buffers of the step's own that
 * each step writes, and the cache must keep its buffers (InPlaceGpuKvCache's reserved capacity).
 */
export const REPLAYED_STEP_OPTIONS = {
  executionProviders: [{ name: 'webgpu' }],
  graphOptimizationLevel: 'all',
  enableGraphCapture: true,
} as const satisfies OrtTypes.InferenceSession.SessionOptions;

/**
 * Whether a replayed step's logits are the session's: the same largest one, and each within 1e-3
 * of its own size (other kernels sum in other orders; on SwiftShader the two came out bit for bit).
 */
export function logitsAgree(replayed: Float32Array, own: Float32Array): boolean {
  let best = 0;
  let ownBest = 0;
  for (let i = 0; i < own.length; i++) {
    if (!(Math.abs(replayed[i]! - own[i]!) <= 1e-3 * Math.max(1, Math.abs(own[i]!)))) return false;
    if (replayed[i]! > replayed[best]!) best = i;
    if (own[i]! > own[ownBest]!) ownBest = i;
  }
  return replayed.length === own.length && best === ownBest;
}

/** The decoder inputs a replayed step can feed: any other (an attention mask, whose length grows) rules it out. */
const STEP_INPUTS = new Set(['input_ids', 'inputs_embeds', 'position_ids', SEQLENS_K, TOTAL_SEQUENCE_LENGTH]);

/**
 * The most GPU memory the cache is given at once so that a replayed step can bind it for good:
 * SmolLM2-135M's whole context (8192 positions, 46 KB each in float32) takes 377 MB. Past it the
 * cache grows as it needs, and steps after that run uncaptured.
 */
const RESERVED_CACHE_BYTES = 512 * 2 ** 20;

export interface StepGeometry {
  vocab: number;
  /** inputs_embeds' width, for a decoder fed embeddings. */
  hidden: number;
  /** The model's context length: what the cache reserves, up to RESERVED_CACHE_BYTES. */
  contextLength: number;
}

/**
 * Runs decode steps (one position after the cache) through a captured session, over the buffers
 * of an InPlaceGpuKvCache. Usable while the cache keeps the buffers it had at the first step.
 */
export class ReplayedDecodeStep {
  private readonly buffers: Record<string, GPUBuffer> = {};
  private readonly feeds: Record<string, Tensor> = {};
  private readonly logitsBuffer: GPUBuffer;
  private readonly logitsType: FloatType;
  private readonly embedsBytes: number;
  private boundTo: Record<string, Tensor> | undefined;

  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    private readonly device: GPUDevice,
    private readonly cache: InPlaceGpuKvCache,
    private readonly geometry: StepGeometry,
    private readonly buffersPerSubmit: number,
  ) {
    const input = (name: string, dataType: 'int64' | 'int32' | FloatType, dims: number[], bytes: number) => {
      const buffer = device.createBuffer({ size: bindingSize(bytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      this.buffers[name] = buffer;
      this.feeds[name] = ort.Tensor.fromGpuBuffer(buffer, { dataType, dims });
    };
    // Half-precision files may declare float16 logits and embeddings (or keep them float32).
    const embedsType = declaredFloatType(session.inputMetadata, 'inputs_embeds') ?? 'float32';
    this.embedsBytes = geometry.hidden * floatBytes(embedsType);
    for (const name of session.inputNames) {
      if (name === 'input_ids') input(name, 'int64', [1, 1], 8);
      if (name === 'inputs_embeds') input(name, embedsType, [1, 1, geometry.hidden], this.embedsBytes);
      if (name === 'position_ids') input(name, 'int64', [1, 1], 8);
      if (name === SEQLENS_K) input(name, 'int32', [1], 4);
      if (name === TOTAL_SEQUENCE_LENGTH) input(name, 'int32', [], 4);
    }
    this.logitsType = declaredFloatType(session.outputMetadata, 'logits') ?? 'float32';
    const logitsBytes = bindingSize(geometry.vocab * floatBytes(this.logitsType));
    this.logitsBuffer = device.createBuffer({ size: logitsBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  }

  /**
   * A step over `cache` through `session`, which it then owns, and the cache's reservation; or
   * undefined (the session released) when the session reads an input a replay cannot feed. A
   * step's command buffers reach the GPU in one submit, or `buffersPerSubmit` at a time
   * (joinedSubmits.ts).
   */
  static async create(
    ort: Ort,
    session: Session,
    cache: InPlaceGpuKvCache,
    geometry: StepGeometry,
    buffersPerSubmit = Infinity,
  ): Promise<ReplayedDecodeStep | undefined> {
    const fed = session.inputNames.filter((name) => !name.startsWith('past_key_values.'));
    if (!fed.every((name) => STEP_INPUTS.has(name))) {
      await session.release();
      return undefined;
    }
    const { numLayers, numKeyValueHeads, headDim } = cache.shape;
    const bytesPerPosition = numLayers * 2 * numKeyValueHeads * headDim * floatBytes(cache.shape.dtype);
    cache.reserve(Math.min(geometry.contextLength, Math.floor(RESERVED_CACHE_BYTES / bytesPerPosition)));
    return new ReplayedDecodeStep(ort, session, await ort.env.webgpu.device, cache, geometry, buffersPerSubmit);
  }

  /** Whether the next step can replay: the cache still holds the buffers of the first one. */
  get usable(): boolean {
    const tensors = this.cache.boundTensors();
    return !this.boundTo || Object.entries(this.boundTo).every(([name, tensor]) => tensors[name] === tensor);
  }

  /**
   * One position after the cache's (`this.cache.length`, room made): `input` is the token's id
   * tensor or its embedding (on the CPU or the GPU). Returns the logits, [1, 1, vocab] in the
   * step's own buffer, valid until the next step.
   */
  async run(input: { name: 'input_ids' | 'inputs_embeds'; tensor: Tensor }): Promise<Tensor> {
    const past = this.cache.length;
    this.write(input.name, input.tensor);
    if (this.buffers.position_ids) this.device.queue.writeBuffer(this.buffers.position_ids, 0, BigInt64Array.of(BigInt(past)));
    this.device.queue.writeBuffer(this.buffers[SEQLENS_K]!, 0, Int32Array.of(past));
    if (this.buffers[TOTAL_SEQUENCE_LENGTH]) this.device.queue.writeBuffer(this.buffers[TOTAL_SEQUENCE_LENGTH], 0, Int32Array.of(past + 1));
    const cacheTensors = this.cache.boundTensors();
    this.boundTo ??= cacheTensors;
    const logits = this.ort.Tensor.fromGpuBuffer(this.logitsBuffer, { dataType: this.logitsType, dims: [1, 1, this.geometry.vocab] });
    await withJoinedSubmits(
      this.device.queue,
      () => this.session.run({ ...this.feeds, ...cacheTensors }, { ...this.cache.fetches(), logits }),
      this.buffersPerSubmit,
    );
    return logits;
  }

  async release(): Promise<void> {
    await this.session.release();
    for (const buffer of Object.values(this.buffers)) buffer.destroy();
    this.logitsBuffer.destroy();
  }

  /** Copies the step's token into its input buffer: on the GPU when it is there already. */
  private write(name: string, tensor: Tensor): void {
    const buffer = this.buffers[name]!;
    if (tensor.location === 'gpu-buffer') {
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(tensor.gpuBuffer as GPUBuffer, 0, buffer, 0, this.embedsBytes);
      this.device.queue.submit([encoder.finish()]);
    } else {
      const data = tensor.data as BigInt64Array | Float32Array | Uint16Array;
      this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    }
  }
}
