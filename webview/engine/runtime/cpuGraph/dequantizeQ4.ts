/** A com.microsoft MatMulNBits weight with bits = 4, as its initializers store it. */
export interface Q4MatMulWeight {
  /** Input features. */
  readonly k: number;
  /** Output features. */
  readonly n: number;
  readonly blockSize: number;
  /** [N, blocks, blockSize / 2]: element 2j of a block in the low nibble of byte j. */
  readonly packed: Uint8Array;
  /** [N * blocks]. */
  readonly scales: Float32Array;
  /** [N * ceil(blocks / 2)], block 2j's zero point in the low nibble; absent means 8 everywhere. */
  readonly zeroPoints?: Uint8Array;
}

/**
 * The float32 matrix MatMulNBits multiplies by, in its own [N, K] order (B transposed). ORT's CPU
 * kernel without a packed n-bit GEMM (the wasm build) computes exactly this on every run:
 * `(float(q) - zeroPoint) * scale`, one float32 rounding, which a Float32Array store reproduces
 * (the float64 product of a 4-bit integer and a float32 is exact). Written into `out` when given
 * (N * K values).
 */
export function dequantizeQ4(weight: Q4MatMulWeight, out = new Float32Array(weight.n * weight.k)): Float32Array {
  const { k, n, blockSize, packed, scales, zeroPoints } = weight;
  const blocks = Math.ceil(k / blockSize);
  const zeroPointBytesPerColumn = Math.ceil(blocks / 2);
  // The 16 values a block's nibbles can stand for: one table per block, two nibbles per byte
  // (SmolLM2-135M: 0.9 s instead of 1.3 s one nibble at a time).
  const values = new Float32Array(16);
  for (let column = 0; column < n; column++) {
    for (let block = 0; block < blocks; block++) {
      const scale = scales[column * blocks + block]!;
      const zeroPoint = zeroPoints
        ? (zeroPoints[column * zeroPointBytesPerColumn + (block >> 1)]! >> ((block & 1) * 4)) & 0xf
        : 8;
      for (let q = 0; q < 16; q++) values[q] = (q - zeroPoint) * scale;
      const first = block * blockSize;
      const count = Math.min(blockSize, k - first);
      const source = (column * blocks + block) * (blockSize / 2);
      const target = column * k + first;
      for (let i = 0; i + 1 < count; i += 2) {
        const byte = packed[source + (i >> 1)]!;
        out[target + i] = values[byte & 0xf]!;
        out[target + i + 1] = values[byte >> 4]!;
      }
      if (count % 2 === 1) out[target + count - 1] = values[packed[source + ((count - 1) >> 1)]! & 0xf]!;
    }
  }
  return out;
}
