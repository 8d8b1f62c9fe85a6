import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { EngineError } from '../errors';
import { KvCache, type KvCacheShape } from './kvCache';
import { KV_KINDS, newRowsName, pastName } from './kvCacheNames';

type Tensor = OrtTypes.Tensor;
type Rows = Float32Array | Uint16Array;

/** Positions added at a time when an array grows: at 4k context a regrowth every 256 tokens. */
const ROOM_BLOCK = 256;

/**
 * A cache kept in the engine's own arrays, for a decoder that outputs only each run's new rows
 * (cpuGraph/presentAsNewRows.ts). Each array holds the past as the graph reads it, [1, heads,
 * length, head_dim] from its start, with spare room after it: appending moves each head's rows up
 * in place (a memmove, no allocation) and writes the new rows behind them, so a step costs a
 * copy within one array instead of ORT allocating and filling a fresh present tensor.
 */
export class AppendingKvCache extends KvCache {
  private arrays = new Map<string, Rows>();

  constructor(
    private readonly ort: Ort,
    private readonly shape: KvCacheShape,
  ) {
    super();
  }

  feeds(): Record<string, Tensor> {
    const { numLayers, numKeyValueHeads: heads, headDim, dtype } = this.shape;
    const dims = [1, heads, this.length, headDim];
    const feeds: Record<string, Tensor> = {};
    for (let layer = 0; layer < numLayers; layer++) {
      for (const kind of KV_KINDS) {
        const name = pastName(layer, kind);
        const used = (this.arrays.get(name) ?? emptyRows(dtype)).subarray(0, heads * this.length * headDim);
        feeds[name] = new this.ort.Tensor(dtype as 'float32', used as Float32Array, dims);
      }
    }
    return feeds;
  }

  protected take(outputs: Record<string, Tensor>, added: number): void {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    const before = this.length;
    const after = before + added;
    // Every output is checked before any array changes: a bad one leaves the cache as it was.
    for (const [name, rows] of this.newRows(outputs, added)) {
      const array = this.roomFor(name, rows, after);
      // Last head first: each head's rows move up by the rows appended to the heads before it.
      for (let head = heads - 1; head >= 0; head--) {
        if (head > 0 && before > 0) array.copyWithin(head * after * headDim, head * before * headDim, (head + 1) * before * headDim);
        array.set(rows.subarray(head * added * headDim, (head + 1) * added * headDim), (head * after + before) * headDim);
      }
    }
  }

  /** Each layer's new rows by the past input they extend, once all have the shape the model's config gives. */
  private newRows(outputs: Record<string, Tensor>, added: number): [string, Rows][] {
    const { numLayers, numKeyValueHeads: heads, headDim } = this.shape;
    const rows: [string, Rows][] = [];
    for (let layer = 0; layer < numLayers; layer++) {
      for (const kind of KV_KINDS) {
        const output = outputs[newRowsName(layer, kind)];
        if (output?.dims.join() !== [1, heads, added, headDim].join()) {
          throw new EngineError(
            'invalid-model',
            `The decoder's ${newRowsName(layer, kind)} is [${output?.dims.join(', ')}], but its config says [1, ${heads}, ${added}, ${headDim}] (num_key_value_heads, head_dim).`,
          );
        }
        rows.push([pastName(layer, kind), output.data as Rows]);
      }
    }
    return rows;
  }

  protected async cut(length: number): Promise<void> {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    for (const array of this.arrays.values()) {
      for (let head = 1; head < heads; head++) {
        array.copyWithin(head * length * headDim, head * this.length * headDim, (head * this.length + length) * headDim);
      }
    }
  }

  protected clear(): void {
    this.arrays.clear();
  }

  /**
   * The array for `name`, grown to hold `length` positions and at least one more: room comes in
   * blocks of positions, so a decode step rarely reallocates and the spare room stays small.
   */
  private roomFor(name: string, rows: Rows, length: number): Rows {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    const current = this.arrays.get(name);
    if (current && current.length >= heads * length * headDim) return current;
    const positions = Math.ceil((length + 1) / ROOM_BLOCK) * ROOM_BLOCK;
    const grown = new (rows.constructor as new (length: number) => Rows)(heads * positions * headDim);
    if (current) grown.set(current.subarray(0, heads * this.length * headDim));
    this.arrays.set(name, grown);
    return grown;
  }
}

function emptyRows(dtype: KvCacheShape['dtype']): Rows {
  return dtype === 'float16' ? new Uint16Array(0) : new Float32Array(0);
}
