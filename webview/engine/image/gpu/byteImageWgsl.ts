/**
 * WGSL shared by the passes that read 8-bit RGB: pixels of `srcStride` bytes (3 or 4; the 4th, alpha
 * or padding, is ignored as `toRgb` drops it) packed little-endian into u32 words, since WGSL has
 * no 8-bit storage type. The decoded image is uploaded as it is, and the resample passes write
 * 4-byte pixels, each invocation owning a whole word.
 */
export const BYTE_IMAGE_WGSL = /* wgsl */ `
fn sourceByte(i: u32) -> u32 {
  return (src[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu;
}

fn sourceRgb(pixel: u32) -> vec3<u32> {
  let at = pixel * params.srcStride;
  return vec3<u32>(sourceByte(at), sourceByte(at + 1u), sourceByte(at + 2u));
}
`;
