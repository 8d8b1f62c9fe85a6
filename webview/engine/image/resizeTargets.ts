/** A width and a height in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The size transformers.js's `ImageProcessor.get_resize_output_image_size` picks for
 * `size: { longest_edge }`: scale so the longer side is `longestEdge` (up or down), rounding each
 * side through `toFixed(2)` then down. When this equals the input size transformers.js skips the
 * resize (`RawImage.resize` returns early), which is what makes our output bit-identical then.
 * A side that would round to 0 (aspect ratio beyond 2048:1) is kept at 1 pixel, as the Python
 * processor does; transformers.js would fail there.
 */
export function longestEdgeSize(width: number, height: number, longestEdge: number): Size {
  const factor = Math.min(longestEdge / width, longestEdge / height);
  return {
    width: Math.max(1, Math.floor(Number((width * factor).toFixed(2)))),
    height: Math.max(1, Math.floor(Number((height * factor).toFixed(2)))),
  };
}

/**
 * transformers.js's `Idefics3ImageProcessor.get_resize_for_vision_encoder`: round the longer side
 * up to a multiple of `tileSize`, derive the other from the aspect ratio (floored), and round it up
 * too. The aspect ratio is not kept exactly; the bilinear resize stretches to fit.
 */
export function visionEncoderSize(width: number, height: number, tileSize: number): Size {
  const aspectRatio = width / height;
  if (width >= height) {
    const w = Math.ceil(width / tileSize) * tileSize;
    const h = Math.ceil(Math.floor(w / aspectRatio) / tileSize) * tileSize;
    return { width: w, height: h };
  }
  const h = Math.ceil(height / tileSize) * tileSize;
  const w = Math.ceil(Math.floor(h * aspectRatio) / tileSize) * tileSize;
  return { width: w, height: h };
}
