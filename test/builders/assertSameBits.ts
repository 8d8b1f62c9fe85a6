import assert from 'node:assert/strict';
import { differingFloatBits } from './floatBits';

/** Asserts two float32 arrays are equal bit for bit (floatBits.ts stays free of node:assert: a browser page bundles it). */
export function assertSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  const { differing, firstDifference } = differingFloatBits(actual, expected);
  assert.equal(differing, 0, `${what}: first difference ${firstDifference}`);
}
