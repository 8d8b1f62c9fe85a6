import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RawImage } from '../../../../webview/engine/api';

/** Deterministic pseudo-random bytes (LCG), so a failing case can be rerun as it was. */
export function seededBytes(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
}

export type Pattern = 'gradient' | 'noise' | 'checker';

/** An RGB(A) test image: a smooth gradient, per-pixel noise, or hard-edged checkers, alpha varying when 4 channels. */
export function buildImage(width: number, height: number, pattern: Pattern, channels: 3 | 4 = 3, seed = 1): RawImage {
  const next = seededBytes(seed);
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        data[o + c] =
          pattern === 'noise'
            ? next()
            : pattern === 'checker'
              ? (Math.floor((x * 8) / width) + Math.floor((y * 6) / height)) % 2 ? 230 - c * 20 : 15 + c * 20
              : Math.round((x / Math.max(width - 1, 1)) * 160 + (y / Math.max(height - 1, 1)) * 50 + c * 20);
      }
      if (channels === 4) data[o + 3] = (x * 7 + y * 3) & 255;
    }
  }
  return { width, height, channels, data };
}

/** The image as PNG bytes (RGBA, as pngjs writes it). */
export function encodePng(image: RawImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  for (let p = 0; p < image.width * image.height; p++) {
    for (let c = 0; c < 3; c++) png.data[p * 4 + c] = image.data[p * image.channels + c];
    png.data[p * 4 + 3] = image.channels === 4 ? image.data[p * 4 + 3] : 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** The image as a baseline JPEG (jpeg-js), optionally with an EXIF block holding `orientation`. */
export function encodeJpeg(image: RawImage, options: { quality?: number; orientation?: number } = {}): Uint8Array {
  const rgba = new Uint8Array(image.width * image.height * 4);
  for (let p = 0; p < image.width * image.height; p++) {
    rgba.set(image.data.subarray(p * image.channels, p * image.channels + 3), p * 4);
    rgba[p * 4 + 3] = 255;
  }
  const jpegBytes = new Uint8Array(jpeg.encode({ data: Buffer.from(rgba), width: image.width, height: image.height }, options.quality ?? 90).data);
  if (options.orientation === undefined) return jpegBytes;
  // APP1 "Exif\0\0" + big-endian TIFF header + IFD0 with the one Orientation (0x0112, SHORT) entry.
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, options.orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  return Uint8Array.from([...jpegBytes.subarray(0, 2), ...app1, ...jpegBytes.subarray(2)]);
}
