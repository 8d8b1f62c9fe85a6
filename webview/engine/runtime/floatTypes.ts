import type * as OrtTypes from 'onnxruntime-web';

/** The float types the models' activations, caches and logits come in. */
export type FloatType = 'float32' | 'float16';

/** Bytes of one element of a float tensor of `type`: 2 for float16, else 4. */
export function floatBytes(type: string): 2 | 4 {
  return type === 'float16' ? 2 : 4;
}

/** The float type a session declares for its input or output `name`; undefined where it declares none. */
export function declaredFloatType(metadata: readonly OrtTypes.InferenceSession.ValueMetadata[] | undefined, name: string): FloatType | undefined {
  const value = metadata?.find((m) => m.name === name);
  return value?.isTensor && (value.type === 'float32' || value.type === 'float16') ? value.type : undefined;
}

/** A storage buffer's size for `bytes`: bindings want multiples of 4 bytes, and at least 16 on some backends. */
export function bindingSize(bytes: number): number {
  return Math.max(16, Math.ceil(bytes / 4) * 4);
}
