import type { PlanarImage } from './planarImage';

const f32 = Math.fround;

/** Per output index along one axis: the two source indices and their weights. */
export interface AxisTaps {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** Weight of `hi` (ORT's dx1/dy1): the distance from `lo`. */
  readonly wHi: Float32Array;
  /** Weight of `lo` (ORT's dx2/dy2): the distance to `hi`. */
  readonly wLo: Float32Array;
}

/** onnxruntime's `SetupUpsampleBilinear` for one axis, in float32 (`Math.fround` after each operation). */
export function axisTaps(inSize: number, outSize: number): AxisTaps {
  const scale = f32(outSize / inSize);
  const taps: AxisTaps = {
    lo: new Int32Array(outSize),
    hi: new Int32Array(outSize),
    wHi: new Float32Array(outSize),
    wLo: new Float32Array(outSize),
  };
  for (let o = 0; o < outSize; o++) {
    let at = scale === 1 ? o : f32(f32(f32(o + 0.5) / scale) - 0.5);
    at = Math.max(0, Math.min(at, inSize - 1));
    const lo = Math.min(Math.trunc(at), inSize - 1);
    const hi = Math.min(lo + 1, inSize - 1);
    taps.lo[o] = lo;
    taps.hi[o] = hi;
    if (lo === hi) {
      taps.wHi[o] = 0.5;
      taps.wLo[o] = 0.5;
    } else {
      taps.wHi[o] = Math.abs(f32(at - lo));
      taps.wLo[o] = Math.abs(f32(at - hi));
    }
  }
  return taps;
}

/**
 * ONNX Resize (mode "linear", coordinate_transformation_mode "half_pixel", no antialias) as
 * onnxruntime's CPU kernel computes it (`UpsampleBilinear`), every step in float32. transformers.js's
 * `interpolate_4d` runs exactly that op, so this reproduces its output bit for bit; `Math.fround`
 * after each operation gives float32 results because a double holds the exact result of a float32
 * +, -, * or / before the one rounding. Returns the input itself when the size already matches
 * (onnxruntime copies it).
 */
export function resizeBilinear(image: PlanarImage, height: number, width: number): PlanarImage {
  if (image.height === height && image.width === width) return image;
  const ys = axisTaps(image.height, height);
  const xs = axisTaps(image.width, width);
  const inPlane = image.height * image.width;
  const out = new Float32Array(image.channels * height * width);
  let o = 0;
  for (let c = 0; c < image.channels; c++) {
    const src = image.data.subarray(c * inPlane, (c + 1) * inPlane);
    for (let y = 0; y < height; y++) {
      const row1 = ys.lo[y] * image.width;
      const row2 = ys.hi[y] * image.width;
      const dy1 = ys.wHi[y];
      const dy2 = ys.wLo[y];
      for (let x = 0; x < width; x++) {
        const x1 = xs.lo[x];
        const x2 = xs.hi[x];
        const dx1 = xs.wHi[x];
        const dx2 = xs.wLo[x];
        // Same association as ORT: ((dx2*dy2)*X11 + (dx1*dy2)*X21) + (dx2*dy1)*X12 + (dx1*dy1)*X22.
        let sum = f32(f32(dx2 * dy2) * src[row1 + x1]);
        sum = f32(sum + f32(f32(dx1 * dy2) * src[row1 + x2]));
        sum = f32(sum + f32(f32(dx2 * dy1) * src[row2 + x1]));
        out[o++] = f32(sum + f32(f32(dx1 * dy1) * src[row2 + x2]));
      }
    }
  }
  return { channels: image.channels, height, width, data: out };
}
