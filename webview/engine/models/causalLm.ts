import type { ModelSpec } from '../model/modelSpec';
import type { LastLogits, ShortlistRequest } from '../runtime/shortlist';

/** Pixel inputs of the images in one prompt, as the vision encoder takes them. */
export interface VisionInputs {
  /** On the CPU, or (WebGPU) in a buffer on ORT's device, destroyed with `releaseVisionInputs`. */
  pixelValues: Float32Array | GPUBuffer;
  pixelValuesDims: readonly number[];
  pixelAttentionMask: Uint8Array;
  pixelAttentionMaskDims: readonly number[];
}

/** Frees what the inputs hold on the GPU; for after the prompt's generation, however it ended. */
export function releaseVisionInputs(vision: VisionInputs | undefined): void {
  if (vision && !(vision.pixelValues instanceof Float32Array)) vision.pixelValues.destroy();
}

export interface PrefillOptions {
  /** Greedy decoding: the logits may come as a shortlist of the row (shortlist.ts). */
  shortlist?: ShortlistRequest;
  /** The prompt's images, for a vision-language model. */
  vision?: VisionInputs;
  /** Checked between the chunks of a long prompt (decoderRunner.ts). */
  signal?: AbortSignal;
}

export interface Prefilled {
  /** The last position's logits; undefined when the signal aborted the prompt between chunks. */
  logits: LastLogits | undefined;
  /** Positions run, not counting the reused prefix: all of the prompt's others unless aborted. */
  prefilledTokens: number;
}

/** A loaded model family, seen by the generation loop as "prompt in, logits out". */
export interface CausalLm {
  readonly spec: ModelSpec;
  /**
   * Runs the prompt, reusing the cached prefix it shares with the previous one. What ran of an
   * aborted prompt stays in the cache, for a later prompt that shares it.
   */
  prefill(ids: number[], options?: PrefillOptions): Promise<Prefilled>;
  /** Feeds one generated token; returns the next logits. */
  step(id: number, shortlist?: ShortlistRequest): Promise<LastLogits>;
  dispose(): Promise<void>;
}

/**
 * How many leading ids of `ids` the cache already holds: the longest common prefix, so that a
 * prompt reused after a generation (whose tokens the cache also holds) or with its last word
 * retyped still skips the shared part. At most all ids but the last, which must run to give logits.
 */
export function reusablePrefixLength(fedIds: readonly number[] | undefined, ids: readonly number[]): number {
  if (!fedIds) return 0;
  const limit = Math.min(fedIds.length, ids.length - 1);
  let shared = 0;
  while (shared < limit && fedIds[shared] === ids[shared]) shared++;
  return shared;
}
