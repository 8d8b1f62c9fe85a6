/** IEEE 754 half-precision bits → float32, for fp16 logits and features read back to the CPU. */
export function float16ToFloat32(bits: Uint16Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 31) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}

/**
 * float32 → IEEE 754 half-precision bits, rounded to nearest even; values past float16's range are
 * clamped to its largest finite value (65504) rather than made infinite.
 */
export function float32ToFloat16(values: ArrayLike<number>): Uint16Array<ArrayBuffer> {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i]!);
  return out;
}

const FLOAT16_MAX = 65504;
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function float16Bits(value: number): number {
  scratch[0] = Number.isNaN(value) ? value : Math.min(FLOAT16_MAX, Math.max(-FLOAT16_MAX, value));
  const bits = scratchBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7e00;
  const halfExponent = exponent - 112;
  if (halfExponent <= 0) {
    // A float16 subnormal counts units of 2^-24; the float32's 24-bit significand is shifted there.
    const shift = 14 - halfExponent;
    return shift > 24 ? sign : sign | roundedShift(fraction | 0x800000, shift);
  }
  // A carry out of the fraction rounds up into the exponent, which is the right result.
  return sign | ((halfExponent << 10) + roundedShift(fraction, 13));
}

function roundedShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && kept & 1) ? kept + 1 : kept;
}
