/**
 * Compares two float32 arrays bit for bit (so -0 differs from +0 and NaN payloads count), for the
 * checks that a GPU path gives exactly the CPU's values. No dependencies: a browser page bundles it.
 */
export function differingFloatBits(actual: Float32Array, expected: Float32Array): { differing: number; firstDifference: string | null } {
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  let differing = Math.abs(a.length - b.length);
  let firstDifference: string | null = differing > 0 ? `lengths ${a.length} vs ${b.length}` : null;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    differing++;
    firstDifference ??= `at ${i}: ${actual[i]} vs ${expected[i]}`;
  }
  return { differing, firstDifference };
}
