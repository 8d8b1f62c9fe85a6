import type * as OrtTypes from 'onnxruntime-web';

type Tensor = OrtTypes.Tensor;

export interface KvCacheShape {
  numLayers: number;
  numKeyValueHeads: number;
  headDim: number;
  dtype: 'float32' | 'float16';
}

/**
 * The decoder's past keys and values, plus the token ids they were computed from, so a later
 * prompt that shares a prefix with those ids can skip re-running it. `fedIds` is undefined when
 * the cache also holds image features, which ids alone cannot identify.
 */
export abstract class KvCache {
  length = 0;
  fedIds: number[] | undefined = [];

  /** Gets room for `length` positions before a run that fills the cache up to there. */
  async makeRoom(_length: number): Promise<void> {}

  /** The `past_key_values.*` feeds (and whatever else the cache's graph reads) for a run adding `addedLength` positions. */
  abstract feeds(addedLength: number): Record<string, Tensor>;

  /** Outputs the run is to write into tensors of the cache's own, by name; undefined when it allocates them all. */
  fetches(): Record<string, Tensor> | undefined {
    return undefined;
  }

  /** Takes in what a run that added `addedLength` positions output for the cache. */
  update(outputs: Record<string, Tensor>, addedLength: number): void {
    this.take(outputs, addedLength);
    this.length += addedLength;
  }

  /**
   * Keeps the first `length` positions and drops the rest (0 resets), so that the cache is what a
   * cold run of `fedIds.slice(0, length)` would have left. Positions are absolute in the keys, so
   * a prefix of the cache is valid on its own.
   */
  async keepFirst(length: number): Promise<void> {
    if (length === 0) return this.reset();
    if (length >= this.length) return;
    await this.cut(length);
    this.length = length;
    this.fedIds = this.fedIds?.slice(0, length);
  }

  reset(): void {
    this.clear();
    this.length = 0;
    this.fedIds = [];
  }

  /** Empties the cache and frees what it holds, for good. */
  dispose(): void {
    this.reset();
  }

  protected abstract take(outputs: Record<string, Tensor>, addedLength: number): void;
  protected abstract cut(length: number): Promise<void>;
  protected abstract clear(): void;
}
