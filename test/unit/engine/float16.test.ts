import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { float16ToFloat32, float32ToFloat16 } from '../../../webview/engine/runtime/float16';

const bits = (...values: number[]) => [...float32ToFloat16(values)];

describe('float32ToFloat16', () => {
  it('gives every float16 back its own bits (all 63,488 finite values, subnormals and both zeros included)', () => {
    const all = Uint16Array.from({ length: 0x10000 }, (_, i) => i).filter((h) => (h & 0x7c00) !== 0x7c00);
    assert.deepEqual(float32ToFloat16(float16ToFloat32(all)), all);
  });

  it('rounds to the nearest float16, ties to even', () => {
    assert.deepEqual(bits(1, 0.1, -2.5, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -11 + 2 ** -20), [0x3c00, 0x2e66, 0xc100, 0x3c00, 0x3c02, 0x3c01]);
  });

  it('rounds into the subnormals and to zero below half the smallest one', () => {
    assert.deepEqual(bits(2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -14 - 2 ** -25, -(2 ** -30)), [0x0001, 0x0000, 0x0001, 0x0400, 0x8000]);
  });

  it('clamps past the largest float16 instead of overflowing, and keeps NaN', () => {
    assert.deepEqual(bits(65504, 65520, 1e30, -3.4028234663852886e38), [0x7bff, 0x7bff, 0x7bff, 0xfbff]);
    assert.ok(Number.isNaN(float16ToFloat32(float32ToFloat16([NaN]))[0]));
  });
});
