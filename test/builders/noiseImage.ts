import type { RawImage } from '../../webview/engine/api';

/**
 * Every byte from an LCG, alpha included: noise reaches every value and makes Lanczos overshoot,
 * so the clamps are exercised. No dependencies, so a browser page can bundle it.
 */
export function noiseImage(width: number, height: number, channels: 3 | 4, seed: number): RawImage {
  const data = new Uint8Array(width * height * channels);
  let state = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = state >>> 24;
  }
  return { width, height, channels, data };
}
