import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { EngineError } from '../errors';
import { KvCache, type KvCacheShape } from './kvCache';
import { KV_KINDS, newRowsName, pastName, recentPastName } from './kvCacheNames';
import { settledRowsFor, type AllocateSettledRows, type Rows, type SettledRows } from './settledRows';

type Tensor = OrtTypes.Tensor;

/**
 * Positions the recent part holds before they join the settled part. Appending moves the recent
 * rows of every head but the first (half of this on average), settling copies the whole cache
 * once: at 128, a decode step at 4k context moves about 3 MB instead of the 126 MB of a cache in
 * one part.
 */
const SETTLE_AT = 128;

/**
 * A cache kept in the engine's own arrays, for a decoder that outputs only each run's new rows
 * and reads its past in two parts (cpuGraph/presentAsNewRows.ts), each [1, heads, length,
 * head_dim]: the settled part, which no step writes, and the recent one, to which each run's rows
 * are appended in place (moving each head's recent rows up behind the heads before it). Once the
 * recent part holds `SETTLE_AT` positions, both are copied into a new settled part and the recent
 * one starts over, so the cost of a step stays small however long the context. On onnxruntime-web
 * with our fix (settledRows.ts), the settled part lives in ORT's wasm heap, which a run then reads
 * where it is instead of copying it in (190 MB a decode step at 4k context).
 */
export class AppendingKvCache extends KvCache {
  /** Exactly `settledLength` positions, by past input name. */
  private settled = new Map<string, SettledRows>();
  /** `length - settledLength` positions from the start, with spare room after them. */
  private recent = new Map<string, Rows>();
  private settledLength = 0;
  private readonly settledRows: AllocateSettledRows;

  constructor(
    private readonly ort: Ort,
    private readonly shape: KvCacheShape,
  ) {
    super();
    this.settledRows = settledRowsFor(ort);
  }

  feeds(): Record<string, Tensor> {
    const { numLayers, numKeyValueHeads: heads, headDim, dtype } = this.shape;
    const recentLength = this.length - this.settledLength;
    const tensor = (rows: Rows, length: number) => new this.ort.Tensor(dtype as 'float32', rows as Float32Array, [1, heads, length, headDim]);
    const elements = (length: number) => heads * length * headDim;
    const feeds: Record<string, Tensor> = {};
    for (let layer = 0; layer < numLayers; layer++) {
      for (const kind of KV_KINDS) {
        const name = pastName(layer, kind);
        const settled = this.settled.get(name)?.input(elements(this.settledLength)) ?? emptyRows(dtype);
        feeds[name] = tensor(settled, this.settledLength);
        feeds[recentPastName(layer, kind)] = tensor((this.recent.get(name) ?? emptyRows(dtype)).subarray(0, elements(recentLength)), recentLength);
      }
    }
    return feeds;
  }

  protected take(outputs: Record<string, Tensor>, added: number): void {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    const before = this.length - this.settledLength;
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
    if (after >= SETTLE_AT) this.settle(after);
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

  /** Moves the `recentLength` recent positions of every array behind the settled ones. */
  private settle(recentLength: number): void {
    const held = this.settledLength;
    for (const [name, recent] of this.recent) {
      const settled = this.settled.get(name);
      this.settled.set(name, this.joined([{ rows: settled, held, kept: held }, { rows: recent, held: recentLength, kept: recentLength }]));
      settled?.release();
    }
    this.settledLength += recentLength;
  }

  protected async cut(length: number): Promise<void> {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    if (length < this.settledLength) {
      for (const [name, settled] of this.settled) {
        this.settled.set(name, this.joined([{ rows: settled, held: this.settledLength, kept: length }]));
        settled.release();
      }
      this.settledLength = length;
      return;
    }
    const [recentLength, kept] = [this.length - this.settledLength, length - this.settledLength];
    for (const array of this.recent.values()) {
      for (let head = 1; head < heads; head++) {
        array.copyWithin(head * kept * headDim, head * recentLength * headDim, (head * recentLength + kept) * headDim);
      }
    }
  }

  protected clear(): void {
    for (const settled of this.settled.values()) settled.release();
    this.settled.clear();
    this.recent.clear();
    this.settledLength = 0;
  }

  /**
   * New settled rows holding, for each head, the first `kept` positions of each part in turn,
   * where a part holds `held` positions a head (none where it is absent).
   */
  private joined(parts: { rows: Rows | SettledRows | undefined; held: number; kept: number }[]): SettledRows {
    const { numKeyValueHeads: heads, headDim, dtype } = this.shape;
    const stride = parts.reduce((sum, part) => sum + part.kept, 0) * headDim;
    const joined = this.settledRows(dtype, heads * stride);
    // Views only after the allocation, which may have grown (and so replaced) ORT's heap.
    const out = joined.view();
    const views = parts.map((part) => ({ ...part, rows: part.rows && 'view' in part.rows ? part.rows.view() : part.rows }));
    for (let head = 0; head < heads; head++) {
      let offset = head * stride;
      for (const { rows, held, kept } of views) {
        if (rows) out.set(rows.subarray(head * held * headDim, (head * held + kept) * headDim), offset);
        offset += kept * headDim;
      }
    }
    return joined;
  }

  /** The recent array for `name`, grown to hold `length` positions: room for `SETTLE_AT` at once, as a run may bring more. */
  private roomFor(name: string, rows: Rows, length: number): Rows {
    const { numKeyValueHeads: heads, headDim } = this.shape;
    const current = this.recent.get(name);
    if (current && current.length >= heads * length * headDim) return current;
    const grown = new (rows.constructor as new (length: number) => Rows)(heads * Math.max(length, SETTLE_AT) * headDim);
    if (current) grown.set(current.subarray(0, heads * (this.length - this.settledLength) * headDim));
    this.recent.set(name, grown);
    return grown;
  }
}

function emptyRows(dtype: KvCacheShape['dtype']): Rows {
  return dtype === 'float16' ? new Uint16Array(0) : new Float32Array(0);
}
