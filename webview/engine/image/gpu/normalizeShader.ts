import { BYTE_IMAGE_WGSL } from './byteImageWgsl';

/** normalizePixels.ts as a table look-up (normalizeTable.ts), writing float32 CHW planes at `dstOffset` (in floats). */
export const NORMALIZE_WGSL = /* wgsl */ `
struct Params {
  width: u32,
  height: u32,
  srcStride: u32,
  dstOffset: u32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> table: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

${BYTE_IMAGE_WGSL}

@compute @workgroup_size(8, 8)
fn normalize(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) { return; }
  let pixel = id.y * params.width + id.x;
  let plane = params.width * params.height;
  let rgb = sourceRgb(pixel);
  for (var c = 0u; c < 3u; c++) {
    dst[params.dstOffset + c * plane + pixel] = table[c * 256u + rgb[c]];
  }
}
`;
