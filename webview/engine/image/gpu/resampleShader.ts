import { PRECISION_BITS, type AxisKernel } from '../resampleRgb';
import { BYTE_IMAGE_WGSL } from './byteImageWgsl';

/**
 * resampleRgb.ts's two convolution passes, one invocation per output pixel: the same i32
 * fixed-point sums (starting at the rounding half, weights from `axisKernel`), the same shift and
 * clamp to 8 bits after each pass. i32 arithmetic wraps in WGSL, and `sum >> 22` in JavaScript
 * wraps the exact double to 32 bits first, so even an overflowing sum would agree.
 * `kernel` holds `starts`, then `counts`, then the weights at `2 * outSize + o * taps`.
 */
export const RESAMPLE_WGSL = /* wgsl */ `
struct Params {
  srcWidth: u32,
  srcStride: u32,
  dstWidth: u32,
  dstHeight: u32,
  outSize: u32,
  taps: u32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> kernel: array<i32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;
@group(0) @binding(3) var<uniform> params: Params;

${BYTE_IMAGE_WGSL}

const PRECISION_BITS = ${PRECISION_BITS}u;
const ROUNDING = ${1 << (PRECISION_BITS - 1)};

fn store(x: u32, y: u32, sum: vec3<i32>) {
  let v = vec3<u32>(clamp(sum >> vec3<u32>(PRECISION_BITS), vec3<i32>(0), vec3<i32>(255)));
  dst[y * params.dstWidth + x] = v.x | (v.y << 8u) | (v.z << 16u);
}

fn convolve(o: u32, first: u32, step: u32) -> vec3<i32> {
  let start = u32(kernel[o]);
  let count = u32(kernel[params.outSize + o]);
  let weights = 2u * params.outSize + o * params.taps;
  var sum = vec3<i32>(ROUNDING);
  for (var k = 0u; k < count; k++) {
    sum += vec3<i32>(sourceRgb(first + (start + k) * step)) * kernel[weights + k];
  }
  return sum;
}

@compute @workgroup_size(8, 8)
fn resampleRows(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.dstWidth || id.y >= params.dstHeight) { return; }
  store(id.x, id.y, convolve(id.x, id.y * params.srcWidth, 1u));
}

@compute @workgroup_size(8, 8)
fn resampleColumns(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.dstWidth || id.y >= params.dstHeight) { return; }
  store(id.x, id.y, convolve(id.y, id.x, params.srcWidth));
}
`;

/** An `axisKernel` in the layout `kernel` is read in. */
export function packKernel(kernel: AxisKernel): Int32Array {
  const outSize = kernel.starts.length;
  const packed = new Int32Array(2 * outSize + kernel.weights.length);
  packed.set(kernel.starts, 0);
  packed.set(kernel.counts, outSize);
  packed.set(kernel.weights, 2 * outSize);
  return packed;
}
