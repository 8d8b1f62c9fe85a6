import type { ModelSpec } from '../model/modelSpec';

/** Pixel inputs of the images in one prompt, as the vision encoder takes them. */
export interface VisionInputs {
  pixelValues: Float32Array;
  pixelValuesDims: readonly number[];
  pixelAttentionMask: Uint8Array;
  pixelAttentionMaskDims: readonly number[];
}

/** A loaded model family, seen by the generation loop as "prompt in, logits out". */
export interface CausalLm {
  readonly spec: ModelSpec;
  /** Runs the prompt, reusing the cached prefix when the prompt extends it; returns the last logits. */
  prefill(ids: number[], vision?: VisionInputs): Promise<{ logits: Float32Array; prefilledTokens: number }>;
  /** Feeds one generated token; returns the next logits. */
  step(id: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** How many leading ids of `ids` the cache already holds (0 when it cannot be reused). */
export function reusablePrefixLength(fedIds: readonly number[] | undefined, ids: readonly number[]): number {
  if (!fedIds || fedIds.length === 0 || fedIds.length >= ids.length) return 0;
  for (let i = 0; i < fedIds.length; i++) if (fedIds[i] !== ids[i]) return 0;
  return fedIds.length;
}
