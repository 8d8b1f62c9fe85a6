import type { LogitsDtype } from '../../webview/engine/runtime/shortlistOnGpu';

/**
 * Logits buffers for the WebGPU shortlist tests: a [1, N, vocab] tensor's contents as the u32 words
 * a GPU buffer holds, in float32 or float16. Values must be exact in the dtype (float16 rows use
 * small multiples of powers of two), so that the CPU reference reads the very values the GPU does.
 */

export function logitsWords(dtype: LogitsDtype, values: readonly number[]): number[] {
  if (dtype === 'float32') return [...new Uint32Array(Float32Array.from(values).buffer)];
  const halves = new Uint16Array(values.length + (values.length % 2));
  values.forEach((value, i) => (halves[i] = float16Bits(value)));
  return [...new Uint32Array(halves.buffer)];
}

/** Bits of a value that float16 holds exactly (NaN, ±0 and ±Infinity included); throws for any other. */
export function float16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude === Infinity) return sign | 0x7c00;
  if (magnitude === 0) return sign;
  let exponent = Math.max(-14, Math.floor(Math.log2(magnitude)));
  if (2 ** exponent > magnitude && exponent > -14) exponent--;
  const normal = magnitude >= 2 ** -14;
  const fraction = normal ? (magnitude / 2 ** exponent - 1) * 1024 : magnitude / 2 ** -24;
  if (!Number.isInteger(fraction) || exponent > 15) throw new Error(`${value} is not exact in float16`);
  return sign | ((normal ? exponent + 15 : 0) << 10) | fraction;
}

/** A reproducible row of multiples of 1/8 in [-8, 8]: exact in both dtypes, and full of ties. */
export function eighthsRow(vocab: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: vocab }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * 129 - 64) / 8;
  });
}
