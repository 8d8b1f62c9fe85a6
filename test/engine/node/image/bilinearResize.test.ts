import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate_4d, Tensor } from '@huggingface/transformers';
import { resizeBilinear } from '../../../../webview/engine/image/bilinearResize';
import type { PlanarImage } from '../../../../webview/engine/image/planarImage';
import { seededBytes } from './imageBuilders';

function randomPlanes(height: number, width: number, seed: number): PlanarImage {
  const next = seededBytes(seed);
  const data = new Float32Array(3 * height * width).map(() => (next() * 256 + next()) / 32768 - 1);
  return { channels: 3, height, width, data };
}

describe('resizeBilinear', () => {
  // Up, down, one axis only, odd ratios, and a 1-pixel source (where both taps coincide).
  const cases: [number, number, number, number][] = [
    [96, 128, 128, 128],
    [100, 37, 64, 64],
    [7, 13, 21, 5],
    [5, 9, 5, 18],
    [300, 200, 300, 100],
    [1, 5, 3, 5],
    [614, 600, 1024, 512],
  ];
  for (const [h, w, outH, outW] of cases) {
    it(`equals transformers.js's interpolate_4d bit for bit from ${w}x${h} to ${outW}x${outH}`, async () => {
      const input = randomPlanes(h, w, h * 31 + w);
      const expected = await interpolate_4d(new Tensor('float32', input.data, [1, 3, h, w]), { size: [outH, outW] });
      const actual = resizeBilinear(input, outH, outW);
      assert.deepEqual([actual.channels, actual.height, actual.width], expected.dims.slice(1));
      assert.ok(Buffer.from(actual.data.buffer).equals(Buffer.from((expected.data as Float32Array).buffer)), 'values differ');
    });
  }

  it('returns the input when the size already matches (onnxruntime copies it)', () => {
    const input = randomPlanes(4, 6, 1);
    assert.equal(resizeBilinear(input, 4, 6), input);
  });
});
