import type { RgbImage } from './rgbImage';
import { resampleFilter, type ResampleFilter } from './resampleFilters';

/** Pillow's fixed-point precision for 8-bit resampling: 32 - 8 - 2 bits. */
export const PRECISION_BITS = 22;
const ROUNDING = 1 << (PRECISION_BITS - 1);

/** For each output index along one axis: the first source index and the integer weights. */
export interface AxisKernel {
  readonly starts: Int32Array;
  readonly counts: Int32Array;
  /** `counts[i]` weights for output `i`, at `i * stride`. */
  readonly weights: Int32Array;
  readonly stride: number;
}

/** Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc`: an antialiased kernel widened by the downscale factor. */
export function axisKernel(inSize: number, outSize: number, filter: ResampleFilter): AxisKernel {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const stride = Math.ceil(support) * 2 + 1;
  const kernel: AxisKernel = {
    starts: new Int32Array(outSize),
    counts: new Int32Array(outSize),
    weights: new Int32Array(outSize * stride),
    stride,
  };
  // Pillow multiplies by the reciprocal rather than dividing; kept, as it can change the last bit.
  const inverseScale = 1 / filterScale;
  const w = new Float64Array(stride);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const start = Math.max(Math.trunc(center - support + 0.5), 0);
    const end = Math.min(Math.trunc(center + support + 0.5), inSize);
    const count = end - start;
    let total = 0;
    for (let k = 0; k < count; k++) {
      w[k] = filter.weight((k + start - center + 0.5) * inverseScale);
      total += w[k];
    }
    for (let k = 0; k < count; k++) {
      const normalized = total !== 0 ? w[k] / total : w[k];
      kernel.weights[o * stride + k] = Math.trunc(normalized < 0 ? -0.5 + normalized * (1 << PRECISION_BITS) : 0.5 + normalized * (1 << PRECISION_BITS));
    }
    kernel.starts[o] = start;
    kernel.counts[o] = count;
  }
  return kernel;
}

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function resampleRows(image: RgbImage, width: number, kernel: AxisKernel): RgbImage {
  const out = new Uint8Array(width * image.height * 3);
  const src = image.data;
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width * 3;
    for (let x = 0; x < width; x++) {
      const start = kernel.starts[x];
      const count = kernel.counts[x];
      const k0 = x * kernel.stride;
      let r = ROUNDING;
      let g = ROUNDING;
      let b = ROUNDING;
      for (let k = 0; k < count; k++) {
        const weight = kernel.weights[k0 + k];
        const p = row + (start + k) * 3;
        r += src[p] * weight;
        g += src[p + 1] * weight;
        b += src[p + 2] * weight;
      }
      const o = (y * width + x) * 3;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return { width, height: image.height, data: out };
}

function resampleColumns(image: RgbImage, height: number, kernel: AxisKernel): RgbImage {
  const rowBytes = image.width * 3;
  const out = new Uint8Array(rowBytes * height);
  const src = image.data;
  // Whole source rows at a time, so memory is read in order; the sums stay exact integers.
  const sums = new Float64Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const start = kernel.starts[y];
    const count = kernel.counts[y];
    const k0 = y * kernel.stride;
    sums.fill(ROUNDING);
    for (let k = 0; k < count; k++) {
      const weight = kernel.weights[k0 + k];
      const row = (start + k) * rowBytes;
      for (let i = 0; i < rowBytes; i++) sums[i] += src[row + i] * weight;
    }
    const to = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) out[to + i] = clip8(sums[i]);
  }
  return { width: image.width, height, data: out };
}

/**
 * Pillow's NEAREST (`ImagingScaleAffine`): the source pixel under each output pixel's centre, with
 * the positions accumulated by repeated addition as Pillow does, so rounding matches it too.
 */
export function nearestIndices(inSize: number, outSize: number): Int32Array {
  const step = inSize / outSize;
  const indices = new Int32Array(outSize);
  let at = step * 0.5;
  for (let o = 0; o < outSize; o++) {
    indices[o] = Math.min(Math.trunc(at), inSize - 1);
    at += step;
  }
  return indices;
}

function resampleNearest(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  const xs = nearestIndices(image.width, width);
  const ys = nearestIndices(image.height, height);
  for (let y = 0; y < height; y++) {
    const row = ys[y] * image.width;
    for (let x = 0; x < width; x++) {
      const from = (row + xs[x]) * 3;
      const to = (y * width + x) * 3;
      out[to] = image.data[from];
      out[to + 1] = image.data[from + 1];
      out[to + 2] = image.data[from + 2];
    }
  }
  return { width, height, data: out };
}

/**
 * Resizes 8-bit RGB pixels with Pillow's two-pass convolution (horizontal pass, rounded to 8 bits,
 * then vertical), in integer arithmetic apart from the kernel weights. It is deterministic in pure
 * TypeScript, so Node and the webview agree, unlike transformers.js, which resizes with sharp in
 * Node and a canvas in the browser. Returns the input itself when the size already matches.
 */
export function resampleRgb(image: RgbImage, width: number, height: number, resample: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Cannot resize an image to ${width}x${height}`);
  }
  if (image.width === width && image.height === height) return image;
  if (resample === 0) return resampleNearest(image, width, height);
  const filter = resampleFilter(resample);
  if (!filter) throw new RangeError(`Unknown resample filter ${resample}`);
  let result = image;
  if (width !== image.width) result = resampleRows(result, width, axisKernel(image.width, width, filter));
  if (height !== image.height) result = resampleColumns(result, height, axisKernel(image.height, height, filter));
  return result;
}
