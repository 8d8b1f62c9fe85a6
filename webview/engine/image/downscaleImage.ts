import type { RawImage } from '../api';
import { resampleRgb } from './resampleRgb';
import { longestEdgeSize } from './resizeTargets';
import { toRgb } from './rgbImage';

/** Pillow's LANCZOS, the filter SmolVLM's preprocessor_config.json asks for. */
const LANCZOS = 1;

/**
 * Shrinks an image whose longer side exceeds `maxLongestEdge` (never enlarges), with the same
 * Lanczos and the same size rounding as the processor's first resize. Giving the chat a copy at the
 * model's `size.longest_edge` (2048 for SmolVLM) therefore changes nothing the model sees, while
 * the copy is smaller to send and to keep. Alpha is dropped, as the processor would drop it.
 */
export function downscaleImage(image: RawImage, maxLongestEdge: number): RawImage {
  if (Math.max(image.width, image.height) <= maxLongestEdge) return image;
  const target = longestEdgeSize(image.width, image.height, maxLongestEdge);
  const resized = resampleRgb(toRgb(image), target.width, target.height, LANCZOS);
  return { width: resized.width, height: resized.height, channels: 3, data: resized.data };
}
