import type { Ort } from '../api';
import { AppendingKvCache } from './appendingKvCache';
import type { KvCache, KvCacheShape } from './kvCache';
import { newRowsName } from './kvCacheNames';
import { PresentKvCache } from './presentKvCache';

/**
 * The cache for a decoder session: one that outputs only each run's new rows (a rewritten WASM
 * graph) gets a cache that appends them in place; one that outputs the whole `present.*` (the file
 * as exported, on WebGPU, or on WASM when the rewrite did not apply) one that takes them as they are.
 */
export function createKvCache(ort: Ort, shape: KvCacheShape, decoderOutputNames: readonly string[]): KvCache {
  return decoderOutputNames.includes(newRowsName(0, 'key')) ? new AppendingKvCache(ort, shape) : new PresentKvCache(ort, shape);
}
