import { resampleFilter } from '../resampleFilters';
import { axisKernel, nearestIndices, PRECISION_BITS, type AxisKernel } from '../resampleRgb';

/** The kernels of the two passes of `resampleRgb`, each `undefined` when that axis keeps its size. */
export interface ResampleAxes {
  readonly rows: AxisKernel | undefined;
  readonly columns: AxisKernel | undefined;
}

/**
 * NEAREST as a one-tap kernel of weight 1.0 in fixed point: `(ROUNDING + p << 22) >> 22` is `p`,
 * so the GPU's convolution passes reproduce `resampleNearest` without a kernel of their own. An
 * axis whose size is kept maps every index to itself, so skipping it changes nothing either.
 */
function nearestKernel(inSize: number, outSize: number): AxisKernel {
  return {
    starts: nearestIndices(inSize, outSize),
    counts: new Int32Array(outSize).fill(1),
    weights: new Int32Array(outSize).fill(1 << PRECISION_BITS),
    stride: 1,
  };
}

/** What `resampleRgb(image, width, height, resample)` convolves with, computed by the same functions. */
export function resampleAxes(inWidth: number, inHeight: number, width: number, height: number, resample: number): ResampleAxes {
  const kernel = (inSize: number, outSize: number): AxisKernel | undefined => {
    if (inSize === outSize) return undefined;
    if (resample === 0) return nearestKernel(inSize, outSize);
    const filter = resampleFilter(resample);
    if (!filter) throw new RangeError(`Unknown resample filter ${resample}`);
    return axisKernel(inSize, outSize, filter);
  };
  return { rows: kernel(inWidth, width), columns: kernel(inHeight, height) };
}
