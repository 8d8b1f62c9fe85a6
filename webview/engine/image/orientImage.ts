import type { RawImage } from '../api';

/**
 * Turns stored pixels upright according to an EXIF orientation (1-8, TIFF tag 0x0112), as browsers
 * and sharp (transformers.js's decoder in Node) do before anyone sees the image. 5-8 swap width
 * and height.
 */
export function orientImage(image: RawImage, orientation: number): RawImage {
  if (!Number.isInteger(orientation) || orientation < 2 || orientation > 8) return image;
  const { width: w, height: h, channels } = image;
  const swaps = orientation >= 5;
  const width = swaps ? h : w;
  const height = swaps ? w : h;
  // For each displayed (x, y): the stored column and row it comes from.
  const sources: ((x: number, y: number) => [number, number])[] = [
    (x, y) => [w - 1 - x, y],
    (x, y) => [w - 1 - x, h - 1 - y],
    (x, y) => [x, h - 1 - y],
    (x, y) => [y, x],
    (x, y) => [y, h - 1 - x],
    (x, y) => [w - 1 - y, h - 1 - x],
    (x, y) => [w - 1 - y, x],
  ];
  const source = sources[orientation - 2];
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      const from = (sy * w + sx) * channels;
      data.set(image.data.subarray(from, from + channels), (y * width + x) * channels);
    }
  }
  return { width, height, channels, data };
}
