/**
 * The part of the last position's logits that decides a greedy choice, so that a WebGPU decoder
 * reads back a few entries instead of the whole row (~49k floats). It holds the raw logits of
 * every id the caller asked for (the ids its repetition penalty changes) and of the row's argmax
 * over all the other ids (first id on ties; NaN only wins at id 0, as sampler.ts' argmax). Those
 * other ids keep their logits, so whatever the caller does to the asked ones, the argmax of the
 * changed row is one of these entries.
 */
export interface Shortlist {
  ids: Uint32Array;
  logits: Float32Array;
}

/** The last position's logits as the decoder returns them: the whole row, or a shortlist when asked for one. */
export type LastLogits = Float32Array | Shortlist;

/** Asks the decoder for a shortlist (when it can make one) holding at least `askedIds`. */
export interface ShortlistRequest {
  askedIds: readonly number[];
}
