import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawImage as TjsRawImage } from '@huggingface/transformers';
import { resampleRgb } from '../../../../webview/engine/image/resampleRgb';
import type { RgbImage } from '../../../../webview/engine/image/rgbImage';
import { buildImage } from './imageBuilders';

function noise(width: number, height: number): RgbImage {
  const image = buildImage(width, height, 'noise', 3, 42);
  return { width, height, data: image.data as Uint8Array };
}

/**
 * Outputs of Pillow 9.4.0's `Image.resize(size, resample)` on the same seeded noise, recorded once
 * with Debian's python3-pil. Our resampler ports Pillow's Resample.c; these pin that down without
 * needing Python in CI.
 */
const PILLOW_CASES = [
  { from: [12, 1], to: [5, 1], resample: 1, expected: [72, 49, 101, 177, 158, 165, 116, 153, 173, 174, 169, 42, 132, 145, 129] },
  {
    from: [6, 1],
    to: [15, 1],
    resample: 1,
    expected: [
      68, 8, 178, 62, 29, 133, 58, 66, 60, 56, 96, 6, 59, 75, 52, 80, 32, 167, 129, 38, 230, 197, 110, 202, 248, 200, 139, 255, 255, 108, 219, 255,
      122, 144, 200, 163, 74, 114, 207, 30, 47, 237, 5, 7, 255,
    ],
  },
  {
    from: [5, 4],
    to: [3, 6],
    resample: 1,
    expected: [
      42, 41, 70, 138, 79, 156, 207, 230, 166, 78, 73, 141, 133, 130, 104, 229, 195, 85, 113, 124, 217, 154, 212, 73, 206, 138, 16, 94, 142, 182,
      197, 227, 135, 106, 125, 90, 98, 148, 122, 156, 128, 130, 54, 190, 175, 111, 149, 95, 106, 49, 97, 55, 242, 205,
    ],
  },
  {
    from: [5, 4],
    to: [8, 3],
    resample: 3,
    expected: [
      51, 12, 182, 74, 68, 114, 102, 131, 43, 84, 68, 142, 137, 93, 166, 250, 208, 104, 222, 213, 104, 182, 198, 113, 1, 75, 240, 106, 135, 190,
      233, 210, 121, 133, 179, 123, 123, 189, 108, 213, 234, 72, 163, 139, 60, 113, 63, 58, 15, 192, 172, 102, 161, 122, 208, 109, 62, 131, 51, 82,
      92, 97, 140, 107, 230, 214, 62, 208, 179, 27, 172, 141,
    ],
  },
];

describe('resampleRgb', () => {
  for (const { from, to, resample, expected } of PILLOW_CASES) {
    it(`matches Pillow's resample=${resample} resizing ${from.join('x')} to ${to.join('x')}`, () => {
      assert.deepEqual(Array.from(resampleRgb(noise(from[0], from[1]), to[0], to[1], resample).data), expected);
    });
  }

  it('returns the very same image when the size already matches, as RawImage.resize does', () => {
    const image = noise(7, 5);
    assert.equal(resampleRgb(image, 7, 5, 1), image);
  });

  for (const resample of [0, 1, 2, 3, 4, 5]) {
    it(`keeps a flat colour flat with resample=${resample}, up and down`, () => {
      const flat: RgbImage = { width: 9, height: 7, data: new Uint8Array(9 * 7 * 3).map((_, i) => [200, 17, 99][i % 3]) };
      for (const [w, h] of [[20, 3], [4, 16], [2, 2]]) {
        const out = resampleRgb(flat, w, h, resample);
        assert.deepEqual(new Set(out.data.filter((_, i) => i % 3 === 0)), new Set([200]));
        assert.deepEqual(new Set(out.data.filter((_, i) => i % 3 === 1)), new Set([17]));
      }
    });
  }

  it('refuses a target size that is not a positive integer', () => {
    assert.throws(() => resampleRgb(noise(4, 4), 0, 3, 1), RangeError);
    assert.throws(() => resampleRgb(noise(4, 4), 2.5, 3, 1), RangeError);
  });

  // Not a bound we promise, a measurement that guards against a shifted or mis-scaled kernel:
  // sharp (libvips) and Pillow agree closely when shrinking smooth content.
  it('stays within 2 levels of sharp when shrinking a smooth gradient', async () => {
    const image = buildImage(300, 200, 'gradient');
    const sharp = await new TjsRawImage(new Uint8ClampedArray(image.data), 300, 200, 3).resize(190, 127, { resample: 1 });
    const ours = resampleRgb({ width: 300, height: 200, data: image.data as Uint8Array }, 190, 127, 1);
    let worst = 0;
    ours.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - sharp.data[i]))));
    assert.ok(worst <= 2, `max difference ${worst}`);
  });
});
