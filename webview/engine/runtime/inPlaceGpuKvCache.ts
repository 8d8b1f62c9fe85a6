import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { floatBytes } from './floatTypes';
import { KvCache, type KvCacheShape } from './kvCache';
import { KV_KINDS, pastName, presentName, SEQLENS_K, TOTAL_SEQUENCE_LENGTH } from './kvCacheNames';
import { toEngineError } from './ortErrors';

type Tensor = OrtTypes.Tensor;

/** Positions added at a time when the buffers grow: a 4k context regrows eight times. */
const ROOM_BLOCK = 512;

/**
 * A cache in GPU buffers of fixed capacity, [1, kv_heads, capacity, head_dim] per layer and kind,
 * for a decoder whose attention is GroupQueryAttention (webgpuGraph/fuseGroupQueryAttention.ts).
 * Each buffer is bound as both the layer's past input and its present output, so a run writes
 * its rows into it in place and nothing is allocated per step; the fill is told by `seqlens_k` and
 * `total_sequence_length`, and positions past it are never read, so a cut only lowers the fill.
 * Buffers grow (copied on the GPU) a block of positions at a time when a run needs more room, or
 * are made at once for a reserved length (a replayed decode step binds them for good:
 * replayedDecodeStep.ts), and are kept when the cache is cleared: only `dispose` frees them.
 */
export class InPlaceGpuKvCache extends KvCache {
  private buffers = new Map<string, GPUBuffer>();
  private tensors: Record<string, Tensor> = {};
  private capacity = 0;
  private reserved = 0;

  constructor(
    private readonly ort: Ort,
    readonly shape: KvCacheShape,
  ) {
    super();
  }

  /** Makes the buffers hold `length` positions from the first run on, so they need not grow before. */
  reserve(length: number): void {
    this.reserved = length;
  }

  override async makeRoom(length: number): Promise<void> {
    if (length <= this.capacity) return;
    const device = await this.ort.env.webgpu.device;
    const blocks = (positions: number) => Math.ceil(positions / ROOM_BLOCK) * ROOM_BLOCK;
    // A reservation the GPU has no memory for is dropped (a replayed step then binds what fits).
    const grown = (await this.allocated(device, blocks(Math.max(length, this.reserved)))) ?? (await this.allocated(device, blocks(length)));
    if (!grown) throw toEngineError(new Error('out of memory'), 'webgpu', `making room in the KV cache for ${length} positions`);
    this.reserved = 0;
    this.grow(device, grown.buffers, grown.capacity);
  }

  /** One position of one head, in bytes. */
  private get rowBytes(): number {
    return this.shape.headDim * floatBytes(this.shape.dtype);
  }

  /** Buffers for `capacity` positions, or undefined (none kept) when the GPU is out of memory. */
  private async allocated(device: GPUDevice, capacity: number): Promise<{ buffers: Map<string, GPUBuffer>; capacity: number } | undefined> {
    const { numLayers, numKeyValueHeads: heads } = this.shape;
    const rowBytes = this.rowBytes;
    device.pushErrorScope('out-of-memory');
    const buffers = new Map<string, GPUBuffer>();
    for (let layer = 0; layer < numLayers; layer++) {
      for (const kind of KV_KINDS) {
        buffers.set(
          pastName(layer, kind),
          device.createBuffer({ size: heads * capacity * rowBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }),
        );
      }
    }
    if (!(await device.popErrorScope())) return { buffers, capacity };
    for (const buffer of buffers.values()) buffer.destroy();
    return undefined;
  }

  /** Moves the filled positions into `grown` (made for `capacity`) and makes it the cache's. */
  private grow(device: GPUDevice, grown: Map<string, GPUBuffer>, capacity: number): void {
    const { numKeyValueHeads: heads, headDim, dtype } = this.shape;
    const rowBytes = this.rowBytes;
    const encoder = device.createCommandEncoder();
    for (const [name, buffer] of grown) {
      const old = this.buffers.get(name);
      // Each head's filled positions move to the start of its larger stretch of the new buffer.
      for (let head = 0; old && this.length > 0 && head < heads; head++) {
        encoder.copyBufferToBuffer(old, head * this.capacity * rowBytes, buffer, head * capacity * rowBytes, this.length * rowBytes);
      }
    }
    device.queue.submit([encoder.finish()]);
    // Destroyed buffers stay alive for the copies already submitted.
    this.destroyBuffers();
    this.buffers = grown;
    this.capacity = capacity;
    this.tensors = {};
    for (const [name, buffer] of grown) {
      this.tensors[name] = this.ort.Tensor.fromGpuBuffer(buffer, { dataType: dtype, dims: [1, heads, capacity, headDim] });
    }
  }

  feeds(addedLength: number): Record<string, Tensor> {
    const total = this.length + addedLength;
    return {
      ...this.tensors,
      [SEQLENS_K]: new this.ort.Tensor('int32', Int32Array.of(total - 1), [1]),
      [TOTAL_SEQUENCE_LENGTH]: new this.ort.Tensor('int32', Int32Array.of(total), []),
    };
  }

  /** The buffers as the past inputs, by name: the same tensors until the buffers grow. */
  boundTensors(): Record<string, Tensor> {
    return this.tensors;
  }

  override fetches(): Record<string, Tensor> {
    const fetches: Record<string, Tensor> = {};
    for (let layer = 0; layer < this.shape.numLayers; layer++) {
      for (const kind of KV_KINDS) fetches[presentName(layer, kind)] = this.tensors[pastName(layer, kind)]!;
    }
    return fetches;
  }

  /** The run wrote its rows into the buffers themselves. */
  protected take(): void {}

  /** Positions past the fill are never read, and the next run overwrites them. */
  protected async cut(): Promise<void> {}

  /** Positions past the fill are never read, so the buffers serve the next prompt as they are. */
  protected clear(): void {}

  override dispose(): void {
    super.dispose();
    this.destroyBuffers();
    this.buffers.clear();
    this.tensors = {};
    this.capacity = 0;
  }

  private destroyBuffers(): void {
    for (const buffer of this.buffers.values()) buffer.destroy();
  }
}
