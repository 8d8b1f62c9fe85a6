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
