import type { PlanarImage } from './planarImage';
import type { RgbImage } from './rgbImage';

export interface NormalizeOptions {
  /** Multiplier applied first (`rescale_factor`), or `undefined` when `do_rescale` is off. */
  readonly rescaleFactor: number | undefined;
  /** Per-channel mean and std (`image_mean`, `image_std`), or `undefined` when `do_normalize` is off. */
  readonly meanStd: { readonly mean: readonly number[]; readonly std: readonly number[] } | undefined;
}

/**
 * Rescales and normalizes 8-bit RGB into float32 CHW planes with the arithmetic of transformers.js's
 * `ImageProcessor.preprocess`: each step is computed in double and stored to float32 before the next
 * (`pixel = factor * pixel`, then `pixel = (pixel - mean) / std`), so the results are identical.
 */
export function normalizePixels(image: RgbImage, options: NormalizeOptions): PlanarImage {
  const { width, height, data } = image;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  const { rescaleFactor, meanStd } = options;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      let value = data[p * 3 + c];
      if (rescaleFactor !== undefined) value = Math.fround(rescaleFactor * value);
      if (meanStd) value = Math.fround((value - meanStd.mean[c]) / meanStd.std[c]);
      out[c * plane + p] = value;
    }
  }
  return { channels: 3, height, width, data: out };
}
