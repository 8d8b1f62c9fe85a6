import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawImage } from '../../../../webview/engine/api';
import { preprocessIdefics3Images } from '../../../../webview/engine/image/idefics3ImageProcessor';
import { buildImage } from './imageBuilders';
import {
  referenceImageInputs,
  smolVlmPreprocessorConfig,
  tinyPreprocessorConfig,
  type ReferenceImageInputs,
} from './transformersReference';

function firstDifference(actual: Float32Array, expected: Float32Array): string {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) return `first difference at ${i}: ${actual[i]} vs ${expected[i]}`;
  }
  return 'no difference';
}

async function assertSameAsTransformers(images: RawImage[], config: Record<string, unknown>): Promise<ReferenceImageInputs> {
  const expected = await referenceImageInputs(images, config);
  const actual = preprocessIdefics3Images(images, config);
  assert.deepEqual([...actual.pixelValuesDims], expected.pixelValuesDims);
  assert.deepEqual([...actual.pixelAttentionMaskDims], expected.pixelAttentionMaskDims);
  assert.deepEqual(actual.grids.map((g) => g.rows), expected.rows);
  assert.deepEqual(actual.grids.map((g) => g.cols), expected.cols);
  assert.ok(Buffer.from(actual.pixelAttentionMask).equals(Buffer.from(expected.pixelAttentionMask)), 'pixel_attention_mask differs');
  const same = Buffer.from(actual.pixelValues.buffer, actual.pixelValues.byteOffset, actual.pixelValues.byteLength).equals(
    Buffer.from(expected.pixelValues.buffer, expected.pixelValues.byteOffset, expected.pixelValues.byteLength),
  );
  assert.ok(same, `pixel_values differ from transformers.js: ${firstDifference(actual.pixelValues, expected.pixelValues)}`);
  return expected;
}

describe('Idefics3 image preprocessing, where transformers.js does not resample with sharp', () => {
  describe('tiny config (longest edge 128, tiles of 64)', () => {
    it('cuts a 128x96 gradient into 2x2 tiles plus the global image, bit for bit', async () => {
      const expected = await assertSameAsTransformers([buildImage(128, 96, 'gradient')], tinyPreprocessorConfig);
      assert.deepEqual(expected.pixelValuesDims, [1, 5, 3, 64, 64]);
    });

    it('drops the alpha of a 96x128 RGBA noise image the way transformers.js does', async () => {
      await assertSameAsTransformers([buildImage(96, 128, 'noise', 4, 7)], tinyPreprocessorConfig);
    });

    it('matches on a square checkerboard', async () => {
      await assertSameAsTransformers([buildImage(128, 128, 'checker')], tinyPreprocessorConfig);
    });

    it('matches on a wide strip that needs one row of two tiles', async () => {
      const expected = await assertSameAsTransformers([buildImage(128, 20, 'noise', 3, 3)], tinyPreprocessorConfig);
      assert.deepEqual([expected.rows, expected.cols], [[1], [2]]);
    });

    it('stacks the frames of two images of one prompt in order', async () => {
      const expected = await assertSameAsTransformers([buildImage(128, 96, 'noise', 3, 11), buildImage(40, 128, 'gradient', 4)], tinyPreprocessorConfig);
      assert.deepEqual(expected.pixelValuesDims, [1, 5 + 3, 3, 64, 64]);
    });

    it('resizes to a single tile when do_image_splitting is off', async () => {
      const expected = await assertSameAsTransformers([buildImage(128, 96, 'noise', 3, 5)], { ...tinyPreprocessorConfig, do_image_splitting: false });
      assert.deepEqual([expected.rows, expected.cols, expected.pixelValuesDims], [[0], [0], [1, 1, 3, 64, 64]]);
    });
  });

  describe("SmolVLM-256M-Instruct's config (longest edge 2048, tiles of 512)", () => {
    it('cuts a 2048x1536 noise image into 3x4 tiles plus the global image, bit for bit', async () => {
      const expected = await assertSameAsTransformers([buildImage(2048, 1536, 'noise', 3, 13)], smolVlmPreprocessorConfig);
      assert.deepEqual(expected.pixelValuesDims, [1, 13, 3, 512, 512]);
    });

    it('stretches a 1000x2048 portrait to 1024x2048 and cuts 4x2 tiles, bit for bit', async () => {
      const expected = await assertSameAsTransformers([buildImage(1000, 2048, 'gradient', 4)], smolVlmPreprocessorConfig);
      assert.deepEqual([expected.rows, expected.cols], [[4], [2]]);
    });
  });
});

describe('Idefics3 image preprocessing, where transformers.js resamples with sharp', () => {
  it('gives the same tile grid, and stays within 2 of 255 levels of sharp on a smooth downscaled image', async () => {
    const image = buildImage(200, 150, 'gradient');
    const expected = await referenceImageInputs([image], tinyPreprocessorConfig);
    const actual = preprocessIdefics3Images([image], tinyPreprocessorConfig);
    assert.deepEqual([...actual.pixelValuesDims], expected.pixelValuesDims);
    assert.deepEqual(actual.grids, [{ rows: expected.rows[0], cols: expected.cols[0] }]);
    let worst = 0;
    expected.pixelValues.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - actual.pixelValues[i]))));
    // One 8-bit level is 2/255 after normalizing to [-1, 1].
    assert.ok(worst <= (2 * 2) / 255 + 1e-6, `max difference ${worst}`);
  });
});

describe('Idefics3 image preprocessing, inputs', () => {
  it('refuses an empty image list', () => {
    assert.throws(() => preprocessIdefics3Images([], tinyPreprocessorConfig), RangeError);
  });

  it('refuses a RawImage whose data is shorter than its size says', () => {
    assert.throws(() => preprocessIdefics3Images([{ width: 10, height: 10, channels: 3, data: new Uint8Array(299) }], tinyPreprocessorConfig), /needs 300 bytes/);
  });

  it('keeps a 1-pixel row for a strip too thin to survive the resize (transformers.js fails there)', () => {
    const inputs = preprocessIdefics3Images([buildImage(300, 1, 'gradient')], tinyPreprocessorConfig);
    assert.deepEqual(inputs.grids, [{ rows: 1, cols: 2 }]);
  });

  it('leaves the caller\'s pixels untouched', () => {
    const image = buildImage(96, 128, 'noise', 4, 2);
    const before = Buffer.from(image.data).toString('base64');
    preprocessIdefics3Images([image], tinyPreprocessorConfig);
    assert.equal(Buffer.from(image.data).toString('base64'), before);
  });
});
