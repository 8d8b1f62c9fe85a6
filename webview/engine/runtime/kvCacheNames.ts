export type KvKind = 'key' | 'value';

export const KV_KINDS: readonly KvKind[] = ['key', 'value'];

/** The decoder's cache input of layer `layer`, as the Hugging Face exports name it. */
export const pastName = (layer: number, kind: KvKind): string => `past_key_values.${layer}.${kind}`;

/** The decoder's updated cache (past and this run's rows), as the Hugging Face exports name it. */
export const presentName = (layer: number, kind: KvKind): string => `present.${layer}.${kind}`;

/**
 * Only this run's rows of the cache: what a WASM decoder outputs instead of `present.*` once its
 * graph is rewritten (cpuGraph/presentAsNewRows.ts); the engine appends them to its own copy.
 */
export const newRowsName = (layer: number, kind: KvKind): string => `present.${layer}.${kind}.new_rows`;

/**
 * The latest rows of the past, which a rewritten CPU decoder reads apart from the older ones
 * (cpuGraph/presentAsNewRows.ts), so that appending a row never moves the older rows
 * (appendingKvCache.ts).
 */
export const recentPastName = (layer: number, kind: KvKind): string => `past_key_values.${layer}.${kind}.recent`;

/** How many layers a decoder with these output names keeps a cache for: its `present.N.key` outputs. */
export function cacheLayerCount(outputNames: readonly string[]): number {
  return outputNames.filter((name) => /^present\.\d+\.key$/.test(name)).length;
}

/** Every `present.*` output of a decoder with `numLayers` layers. */
export function presentNames(numLayers: number): string[] {
  return Array.from({ length: numLayers }, (_, i) => KV_KINDS.map((kind) => presentName(i, kind))).flat();
}

/**
 * The cache's fill, for a decoder whose attention is onnxruntime's GroupQueryAttention over a
 * cache of fixed capacity (webgpuGraph/fuseGroupQueryAttention.ts): the index of the last valid
 * position (int32, one per batch row) and the number of valid positions (an int32 scalar).
 */
export const SEQLENS_K = 'seqlens_k';
export const TOTAL_SEQUENCE_LENGTH = 'total_sequence_length';
