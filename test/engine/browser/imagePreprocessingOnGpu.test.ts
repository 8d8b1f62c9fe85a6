import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEnginePage, type EnginePage } from './enginePageHarness';
import type { ImageSpec } from './page/imagePreprocessingPage';

/** SmolVLM-256M-Instruct's preprocessor_config.json (Lanczos to 2048, tiles of 512, normalized to [-1, 1]), read from shared/. */
const smolVlm: Record<string, unknown> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../../shared/reference/SmolVLM-256M-Instruct/preprocessor_config.json'), 'utf8'),
);
/** The same shrunk to a longest edge of 128 and tiles of 64, as the CPU tests' tiny config. */
const tiny = { ...smolVlm, size: { longest_edge: 128 }, max_image_size: { longest_edge: 64 } };

const rgb = (width: number, height: number, seed = 1): ImageSpec => ({ width, height, channels: 3, seed });
const rgba = (width: number, height: number, seed = 1): ImageSpec => ({ width, height, channels: 4, seed });

describe('Idefics3 image preprocessing on WebGPU', () => {
  let page: EnginePage;
  before(async () => {
    page = await openEnginePage(tmpdir(), { webgpu: true });
  });
  after(async () => page.close());

  /** Asserts the GPU's pixel_values are the CPU's bit for bit, and the frames and grids are `grids`'. */
  async function assertSameAsCpu(images: ImageSpec[], config: Record<string, unknown>, grids: Array<[number, number]>, frames: number): Promise<void> {
    const result = await page.imagePreprocessing({ images, config });
    assert.ok(result.ok, result.ok ? '' : result.message);
    const side = (config.max_image_size as { longest_edge: number }).longest_edge;
    assert.deepEqual(result.gpu.dims, [1, frames, 3, side, side]);
    assert.deepEqual(result.gpu.dims, result.cpu.dims);
    assert.deepEqual(result.gpu.maskDims, [1, frames, side, side]);
    assert.ok(result.gpu.maskAllOnes);
    assert.deepEqual(result.gpu.grids, grids.map(([rows, cols]) => ({ rows, cols })));
    assert.deepEqual(result.gpu.grids, result.cpu.grids);
    assert.equal(result.differing, 0, `${result.differing} of ${result.values} values differ, first ${result.firstDifference}`);
  }

  describe("SmolVLM's config", () => {
    it('cuts a 2048x1536 image, which needs no Lanczos resize, into 4x3 tiles plus the global image', async () => {
      await assertSameAsCpu([rgb(2048, 1536)], smolVlm, [[3, 4]], 13);
    });

    it('shrinks a 2100x1000 RGBA image with Lanczos, then stretches it bilinearly to 2048x1024', async () => {
      await assertSameAsCpu([rgba(2100, 1000)], smolVlm, [[2, 4]], 9);
    });

    it('enlarges a 1x1 image to 2048x2048', async () => {
      await assertSameAsCpu([rgb(1, 1)], smolVlm, [[4, 4]], 17);
    });

    it('enlarges the thin 3x517 and 1000x37 images', async () => {
      await assertSameAsCpu([rgba(3, 517, 2)], smolVlm, [[4, 1]], 5);
      await assertSameAsCpu([rgb(1000, 37, 3)], smolVlm, [[1, 4]], 5);
    });

    it('puts the frames of several images one after another', async () => {
      await assertSameAsCpu([rgb(640, 480, 4), rgb(1000, 37, 5), rgba(512, 512, 6)], smolVlm, [[3, 4], [1, 4], [4, 4]], 13 + 5 + 17);
    });

    it('resizes the whole image to one 512x512 frame without splitting', async () => {
      await assertSameAsCpu([rgb(1200, 900), rgba(3, 517)], { ...smolVlm, do_image_splitting: false }, [[0, 0], [0, 0]], 2);
    });
  });

  describe('a tiny config (longest edge 128, tiles of 64)', () => {
    it('cuts a 128x96 image into 2x2 tiles plus the global image', async () => {
      await assertSameAsCpu([rgb(128, 96)], tiny, [[2, 2]], 5);
    });

    it('enlarges a 5x3 image and shrinks a 517x3 one', async () => {
      await assertSameAsCpu([rgba(5, 3), rgb(517, 3)], tiny, [[2, 2], [1, 2]], 5 + 3);
    });

    for (const [resample, name] of [[0, 'nearest'], [2, 'bilinear'], [3, 'bicubic'], [4, 'box'], [5, 'hamming']] as const) {
      it(`resamples with Pillow's ${name} filter (resample ${resample})`, async () => {
        await assertSameAsCpu([rgb(300, 199), rgb(50, 77)], { ...tiny, resample }, [[2, 2], [2, 2]], 10);
      });
    }

    it('writes a 64x64 image as its own frame when neither resized nor split', async () => {
      await assertSameAsCpu([rgb(64, 64)], { ...tiny, do_resize: false, do_image_splitting: false }, [[0, 0]], 1);
    });

    it('stretches a 40x20 image to one tile when it is smaller than a tile, splitting on', async () => {
      await assertSameAsCpu([rgb(40, 20)], { ...tiny, do_resize: false }, [[0, 0]], 1);
    });

    it('stretches bilinearly by uneven ratios on both axes, where the weights are not halves or whole', async () => {
      // 100x70 goes to 128x128 (then 2x2 tiles), or to one 64x64 frame: the products of the weights
      // round, so a fused multiply-add would show here.
      await assertSameAsCpu([rgb(100, 70), rgba(37, 101)], { ...tiny, do_resize: false }, [[2, 2], [2, 1]], 5 + 3);
      await assertSameAsCpu([rgb(100, 70), rgba(37, 101)], { ...tiny, do_resize: false, do_image_splitting: false }, [[0, 0], [0, 0]], 2);
    });

    it('rescales without normalizing when do_normalize is off', async () => {
      await assertSameAsCpu([rgb(90, 70)], { ...tiny, do_normalize: false }, [[2, 2]], 5);
    });
  });
});
