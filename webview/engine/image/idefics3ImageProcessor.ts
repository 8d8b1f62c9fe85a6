import type { RawImage } from '../api';
import { resizeBilinear } from './bilinearResize';
import { resolveIdefics3ImageSettings, type Idefics3ImageSettings, type Idefics3ProcessorConfig } from './idefics3ImageConfig';
import { normalizePixels } from './normalizePixels';
import type { PlanarImage } from './planarImage';
import { resampleRgb } from './resampleRgb';
import { longestEdgeSize, visionEncoderSize } from './resizeTargets';
import { toRgb } from './rgbImage';
import { splitIntoTiles, type ImageGrid, type TiledImage } from './tileSplit';

export type { Idefics3ProcessorConfig } from './idefics3ImageConfig';
export type { ImageGrid } from './tileSplit';

/** The vision inputs of one prompt, as transformers.js's `Idefics3ImageProcessor` returns them for one sample. */
export interface Idefics3ImageInputs {
  /** float32, dims `pixelValuesDims`: every frame of every image, in order. */
  readonly pixelValues: Float32Array;
  /** `[1, frames, 3, tileSize, tileSize]`. */
  readonly pixelValuesDims: readonly [number, number, number, number, number];
  /** bool as 0/1 bytes, dims `pixelAttentionMaskDims`; all 1 since one sample has no padding frames. */
  readonly pixelAttentionMask: Uint8Array;
  /** `[1, frames, tileSize, tileSize]`. */
  readonly pixelAttentionMaskDims: readonly [number, number, number, number];
  /** Per image, its tile grid (0 x 0 when not split), for `expandImagePrompt`. */
  readonly grids: readonly ImageGrid[];
}

/** transformers.js's `preprocess` (RGB, resize longest edge, rescale, normalize) then the Idefics3 resize and split. */
function tileImage(image: RawImage, config: Idefics3ImageSettings): TiledImage {
  let rgb = toRgb(image);
  if (config.longestEdge !== undefined) {
    const target = longestEdgeSize(rgb.width, rgb.height, config.longestEdge);
    rgb = resampleRgb(rgb, target.width, target.height, config.resample);
  }
  const planes = normalizePixels(rgb, config);
  if (!config.doImageSplitting) {
    return { grid: { rows: 0, cols: 0 }, frames: [resizeBilinear(planes, config.tileSize, config.tileSize)] };
  }
  const target = visionEncoderSize(planes.width, planes.height, config.tileSize);
  return splitIntoTiles(resizeBilinear(planes, target.height, target.width), config.tileSize);
}

/**
 * Turns the images of one prompt into the vision encoder's inputs. `pixelValues` is bit-identical to
 * transformers.js's whenever transformers.js does not resample 8-bit pixels itself, i.e. when the
 * longest-edge resize is a no-op (`longestEdgeSize` equals the image size); otherwise our Lanczos
 * replaces sharp's (see docs/image-preprocessing.md for the measured difference).
 */
export function preprocessIdefics3Images(images: readonly RawImage[], preprocessorConfig: Idefics3ProcessorConfig): Idefics3ImageInputs {
  if (images.length === 0) throw new RangeError('preprocessIdefics3Images needs at least one image');
  const config = resolveIdefics3ImageSettings(preprocessorConfig);
  const tiled = images.map((image) => tileImage(image, config));
  const frames: PlanarImage[] = tiled.flatMap((t) => t.frames);
  const side = config.tileSize;
  const frameLength = 3 * side * side;
  const pixelValues = new Float32Array(frames.length * frameLength);
  frames.forEach((frame, i) => pixelValues.set(frame.data, i * frameLength));
  return {
    pixelValues,
    pixelValuesDims: [1, frames.length, 3, side, side],
    pixelAttentionMask: new Uint8Array(frames.length * side * side).fill(1),
    pixelAttentionMaskDims: [1, frames.length, side, side],
    grids: tiled.map((t) => t.grid),
  };
}
