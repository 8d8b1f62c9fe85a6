/**
 * tileSplit.ts's crops, straight into `pixel_values`: frame `f` (row-major over `cols`) is the
 * `side`-square block of the float32 CHW source at row `f / cols`, column `f % cols`. One
 * invocation per value, `z` being frame * 3 + channel.
 */
export const TILE_WGSL = /* wgsl */ `
struct Params {
  srcWidth: u32,
  srcHeight: u32,
  side: u32,
  cols: u32,
  frames: u32,
  dstOffset: u32,
}

@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(8, 8)
fn cutTiles(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.side || id.y >= params.side || id.z >= params.frames * 3u) { return; }
  let frame = id.z / 3u;
  let channel = id.z % 3u;
  let top = (frame / params.cols) * params.side;
  let left = (frame % params.cols) * params.side;
  let at = (channel * params.srcHeight + top + id.y) * params.srcWidth + left + id.x;
  dst[params.dstOffset + (id.z * params.side + id.y) * params.side + id.x] = src[at];
}
`;
