import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { trimKvOnGpu } from './trimKvOnGpu';

type Tensor = OrtTypes.Tensor;

/**
 * The decoder's past keys and values, plus the token ids they were computed from, so a later
 * prompt that shares a prefix with those ids can skip re-running it. `fedIds` is undefined when
 * the cache also holds image features, which ids alone cannot identify.
 */
export class KvCache {
  private tensors: Record<string, Tensor> = {};
  length = 0;
  fedIds: number[] | undefined = [];

  constructor(
    private readonly ort: Ort,
    private readonly numLayers: number,
    private readonly numKeyValueHeads: number,
    private readonly headDim: number,
    private readonly dtype: 'float32' | 'float16',
  ) {
    this.reset();
  }

  /** The `past_key_values.*` feeds for the next run. */
  feeds(): Record<string, Tensor> {
    return this.tensors;
  }

  /** Takes the `present.*` outputs of a run as the new past; frees the old GPU buffers. */
  update(outputs: Record<string, Tensor>, addedLength: number): void {
    const next: Record<string, Tensor> = {};
    for (let i = 0; i < this.numLayers; i++) {
      for (const kind of ['key', 'value']) {
        next[`past_key_values.${i}.${kind}`] = outputs[`present.${i}.${kind}`];
      }
    }
    this.disposeTensors();
    this.tensors = next;
    this.length += addedLength;
  }

  /**
   * Keeps the first `length` positions and drops the rest (0 resets), so that the cache is what a
   * cold run of `fedIds.slice(0, length)` would have left. Positions are absolute in the keys, so
   * a prefix of the cache is valid on its own. WebGPU caches are cut on the GPU (trimKvOnGpu.ts);
   * otherwise rows are copied on the CPU and the next run uploads the shorter past.
   */
  async keepFirst(length: number): Promise<void> {
    if (length === 0) return this.reset();
    if (length >= this.length) return;
    const onGpu = Object.values(this.tensors).every((t) => t.location === 'gpu-buffer');
    const kept = (onGpu ? await trimKvOnGpu(this.ort, this.tensors, length) : undefined) ?? (await this.trimOnCpu(length));
    this.disposeTensors();
    this.tensors = kept;
    this.length = length;
    this.fedIds = this.fedIds?.slice(0, length);
  }

  private async trimOnCpu(length: number): Promise<Record<string, Tensor>> {
    const kept: Record<string, Tensor> = {};
    for (const [name, tensor] of Object.entries(this.tensors)) {
      const [batch, heads, past, headDim] = tensor.dims;
      const data = (await tensor.getData()) as Float32Array | Uint16Array;
      const out = new (data.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(batch * heads * length * headDim);
      // [batch, heads, past, headDim]: each (batch, head) row keeps its first `length` positions.
      for (let row = 0; row < batch * heads; row++) {
        out.set(data.subarray(row * past * headDim, (row * past + length) * headDim), row * length * headDim);
      }
      kept[name] = new this.ort.Tensor(tensor.type as 'float32', out as Float32Array, [batch, heads, length, headDim]);
    }
    return kept;
  }

  reset(): void {
    this.disposeTensors();
    const dims = [1, this.numKeyValueHeads, 0, this.headDim];
    const empty = (): Tensor =>
      this.dtype === 'float16'
        ? new this.ort.Tensor('float16', new Uint16Array(0), dims)
        : new this.ort.Tensor('float32', new Float32Array(0), dims);
    this.tensors = {};
    for (let i = 0; i < this.numLayers; i++) {
      this.tensors[`past_key_values.${i}.key`] = empty();
      this.tensors[`past_key_values.${i}.value`] = empty();
    }
    this.length = 0;
    this.fedIds = [];
  }

  static presentNames(numLayers: number): string[] {
    const names: string[] = [];
    for (let i = 0; i < numLayers; i++) names.push(`present.${i}.key`, `present.${i}.value`);
    return names;
  }

  private disposeTensors(): void {
    for (const tensor of Object.values(this.tensors)) {
      if (tensor.location === 'gpu-buffer') tensor.dispose();
    }
  }
}
