/**
 * The resampling filters of Pillow (`src/libImaging/Resample.c`), by the `resample` numbers that
 * `preprocessor_config.json` uses (PIL's enum: 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING).
 * 0 (NEAREST) is no convolution filter and is handled apart by the resampler.
 */
export interface ResampleFilter {
  readonly name: string;
  /** Half-width of the kernel at scale 1, in source pixels. */
  readonly support: number;
  readonly weight: (x: number) => number;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

const lanczos: ResampleFilter = {
  name: 'lanczos',
  support: 3,
  weight: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0),
};

const bilinear: ResampleFilter = {
  name: 'bilinear',
  support: 1,
  weight: (x) => {
    const a = Math.abs(x);
    return a < 1 ? 1 - a : 0;
  },
};

/** Keys cubic with a = -0.5, as Pillow (not -0.75 like ONNX and PyTorch). */
const bicubic: ResampleFilter = {
  name: 'bicubic',
  support: 2,
  weight: (x) => {
    const a = -0.5;
    const t = Math.abs(x);
    if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
    if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
    return 0;
  },
};

const box: ResampleFilter = {
  name: 'box',
  support: 0.5,
  weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0),
};

const hamming: ResampleFilter = {
  name: 'hamming',
  support: 1,
  weight: (x) => {
    const t = Math.abs(x);
    if (t === 0) return 1;
    if (t >= 1) return 0;
    const px = t * Math.PI;
    // Pillow writes the constants as C floats (0.54f, 0.46f).
    return (Math.sin(px) / px) * (Math.fround(0.54) + Math.fround(0.46) * Math.cos(px));
  },
};

const byResample: ReadonlyMap<number, ResampleFilter> = new Map([
  [1, lanczos],
  [2, bilinear],
  [3, bicubic],
  [4, box],
  [5, hamming],
]);

/** The convolution filter for a `resample` value, or `undefined` for 0 (nearest) and unknown values. */
export function resampleFilter(resample: number): ResampleFilter | undefined {
  return byResample.get(resample);
}
