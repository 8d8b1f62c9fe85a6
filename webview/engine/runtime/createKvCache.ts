import type { Ort } from '../api';
import { AppendingKvCache } from './appendingKvCache';
import type { KvCache, KvCacheShape } from './kvCache';
import { InPlaceGpuKvCache } from './inPlaceGpuKvCache';
import { newRowsName, SEQLENS_K } from './kvCacheNames';
import { PresentKvCache } from './presentKvCache';

/**
 * The cache for a decoder session, from its inputs and outputs: one whose attention reads a cache
 * of fixed capacity (a rewritten WebGPU graph) gets GPU buffers it writes in place; one that
 * outputs only each run's new rows (a rewritten WASM graph) a cache that appends them in place;
 * one that outputs the whole `present.*` (the file as exported, or when no rewrite applied) one
 * that takes them as they are.
 */
export function createKvCache(ort: Ort, shape: KvCacheShape, decoder: { inputNames: readonly string[]; outputNames: readonly string[] }): KvCache {
  if (decoder.inputNames.includes(SEQLENS_K)) return new InPlaceGpuKvCache(ort, shape);
  return decoder.outputNames.includes(newRowsName(0, 'key')) ? new AppendingKvCache(ort, shape) : new PresentKvCache(ort, shape);
}
