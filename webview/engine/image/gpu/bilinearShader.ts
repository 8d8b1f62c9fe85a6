import type { AxisTaps } from '../bilinearResize';

/**
 * bilinearResize.ts's `resizeBilinear`, one invocation per output value, from float32 CHW planes
 * at offset 0 of `src` to `dst` at `dstOffset` (in floats). Taps come from `axisTaps` on the CPU:
 * rows first, then columns at `dstHeight + x`, as `{ lo, hi, wHi, wLo }`.
 *
 * The sum is ORT's, in its order, each product rounded to float32 before it is added. WGSL leaves
 * to the compiler whether `a * b + c` becomes a fused multiply-add (SPIR-V, Metal and HLSL
 * backends all may contract), which would skip that rounding. `rounded` makes each product pass
 * through its u32 bits xor a uniform the compiler cannot know is 0: the bits of an f32 are those
 * of the rounded value, and no multiply is left next to the addition to fuse.
 */
export const BILINEAR_WGSL = /* wgsl */ `
struct Params {
  srcWidth: u32,
  srcHeight: u32,
  dstWidth: u32,
  dstHeight: u32,
  dstOffset: u32,
  zero: u32,
}

struct Tap {
  lo: u32,
  hi: u32,
  wHi: f32,
  wLo: f32,
}

@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read> taps: array<Tap>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

fn rounded(value: f32) -> f32 {
  return bitcast<f32>(bitcast<u32>(value) ^ params.zero);
}

@compute @workgroup_size(8, 8)
fn resizeBilinear(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.dstWidth || id.y >= params.dstHeight) { return; }
  let ty = taps[id.y];
  let tx = taps[params.dstHeight + id.x];
  let plane = id.z * params.srcWidth * params.srcHeight;
  let row1 = plane + ty.lo * params.srcWidth;
  let row2 = plane + ty.hi * params.srcWidth;
  var sum = rounded((tx.wLo * ty.wLo) * src[row1 + tx.lo]);
  sum = sum + rounded((tx.wHi * ty.wLo) * src[row1 + tx.hi]);
  sum = sum + rounded((tx.wLo * ty.wHi) * src[row2 + tx.lo]);
  sum = sum + rounded((tx.wHi * ty.wHi) * src[row2 + tx.hi]);
  dst[params.dstOffset + (id.z * params.dstHeight + id.y) * params.dstWidth + id.x] = sum;
}
`;

/** The taps of both axes in the layout `taps` is read in: rows, then columns, 16 bytes each. */
export function packTaps(rows: AxisTaps, columns: AxisTaps): ArrayBuffer {
  const count = rows.lo.length + columns.lo.length;
  const bytes = new ArrayBuffer(count * 16);
  const words = new Uint32Array(bytes);
  const floats = new Float32Array(bytes);
  let at = 0;
  for (const axis of [rows, columns]) {
    for (let i = 0; i < axis.lo.length; i++, at += 4) {
      words[at] = axis.lo[i];
      words[at + 1] = axis.hi[i];
      floats[at + 2] = axis.wHi[i];
      floats[at + 3] = axis.wLo[i];
    }
  }
  return bytes;
}
