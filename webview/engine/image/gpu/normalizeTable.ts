import type { NormalizeOptions } from '../normalizePixels';
import { normalizePixels } from '../normalizePixels';

/**
 * The float32 each 8-bit value becomes in each channel, `[channel * 256 + value]`, made by
 * `normalizePixels` itself from a 256-pixel grey ramp: the GPU looks values up instead of
 * redoing the double-precision arithmetic WGSL lacks, so its bits are the CPU's by construction.
 */
export function normalizeTable(options: NormalizeOptions): Float32Array {
  const ramp = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) ramp.fill(v, v * 3, v * 3 + 3);
  return normalizePixels({ width: 256, height: 1, data: ramp }, options).data;
}
