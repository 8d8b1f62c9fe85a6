import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { KvCache, type KvCacheShape } from './kvCache';
import { KV_KINDS, pastName, presentName } from './kvCacheNames';
import { trimKvOnGpu } from './trimKvOnGpu';

type Tensor = OrtTypes.Tensor;

/**
 * A cache that is the decoder's last `present.*` outputs, fed back whole as the next past. On
 * WebGPU they are GPU buffers that never leave the GPU, and a cut is made there (trimKvOnGpu.ts);
 * otherwise rows are copied on the CPU and the next run uploads the shorter past.
 */
export class PresentKvCache extends KvCache {
  private tensors: Record<string, Tensor> = {};

  constructor(
    private readonly ort: Ort,
    private readonly shape: KvCacheShape,
  ) {
    super();
    this.reset();
  }

  feeds(): Record<string, Tensor> {
    return this.tensors;
  }

  /** Frees the old GPU buffers. */
  protected take(outputs: Record<string, Tensor>): void {
    const next: Record<string, Tensor> = {};
    for (let i = 0; i < this.shape.numLayers; i++) {
      for (const kind of KV_KINDS) next[pastName(i, kind)] = outputs[presentName(i, kind)];
    }
    this.disposeTensors();
    this.tensors = next;
  }

  protected async cut(length: number): Promise<void> {
    const onGpu = Object.values(this.tensors).every((t) => t.location === 'gpu-buffer');
    const kept = (onGpu ? await trimKvOnGpu(this.ort, this.tensors, length) : undefined) ?? (await this.trimOnCpu(length));
    this.disposeTensors();
    this.tensors = kept;
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

  protected clear(): void {
    this.disposeTensors();
    const { numLayers, numKeyValueHeads, headDim, dtype } = this.shape;
    const dims = [1, numKeyValueHeads, 0, headDim];
    const empty = (): Tensor =>
      dtype === 'float16' ? new this.ort.Tensor('float16', new Uint16Array(0), dims) : new this.ort.Tensor('float32', new Float32Array(0), dims);
    this.tensors = {};
    for (let i = 0; i < numLayers; i++) {
      for (const kind of KV_KINDS) this.tensors[pastName(i, kind)] = empty();
    }
  }

  private disposeTensors(): void {
    for (const tensor of Object.values(this.tensors)) {
      if (tensor.location === 'gpu-buffer') tensor.dispose();
    }
  }
}
