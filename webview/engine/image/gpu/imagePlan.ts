import type { RawImage } from '../../api';
import type { Idefics3ImageSettings } from '../idefics3ImageConfig';
import { longestEdgeSize, visionEncoderSize, type Size } from '../resizeTargets';
import type { ImageGrid } from '../tileSplit';
import { resampleAxes, type ResampleAxes } from './resampleAxes';

/** The steps `tileImage` (idefics3ImageProcessor.ts) takes for one image, decided on the CPU from sizes alone. */
export interface ImagePlan {
  readonly image: RawImage;
  readonly axes: ResampleAxes;
  /** After the 8-bit resample: the size of the normalized planes. */
  readonly resampled: Size;
  /** The bilinear target: `tileSize` square when the image goes in whole, else a multiple of it on both sides. */
  readonly target: Size;
  readonly grid: ImageGrid;
  /** Tiles plus the global image, or 1. */
  readonly frames: number;
}

export function planImage(image: RawImage, settings: Idefics3ImageSettings): ImagePlan {
  if (image.data.length !== image.width * image.height * image.channels) {
    throw new RangeError(`RawImage ${image.width}x${image.height}x${image.channels} needs ${image.width * image.height * image.channels} bytes, has ${image.data.length}`);
  }
  const side = settings.tileSize;
  const resampled = settings.longestEdge === undefined ? { width: image.width, height: image.height } : longestEdgeSize(image.width, image.height, settings.longestEdge);
  const axes = resampleAxes(image.width, image.height, resampled.width, resampled.height, settings.resample);
  const split = settings.doImageSplitting ? visionEncoderSize(resampled.width, resampled.height, side) : { width: side, height: side };
  // visionEncoderSize gives multiples of the tile side, so splitIntoTiles' tiles are exactly
  // `side` square at multiples of it, and an image no larger than one tile is exactly one.
  if (split.width <= side && split.height <= side) {
    return { image, axes, resampled, target: { width: side, height: side }, grid: { rows: 0, cols: 0 }, frames: 1 };
  }
  const grid = { rows: split.height / side, cols: split.width / side };
  return { image, axes, resampled, target: split, grid, frames: grid.rows * grid.cols + 1 };
}

/** The largest storage buffer the plan's passes bind, in bytes. */
export function largestBinding(plan: ImagePlan): number {
  const { image, resampled, target } = plan;
  return Math.max(image.data.length, resampled.width * image.height * 4, 3 * resampled.width * resampled.height * 4, 3 * target.width * target.height * 4);
}
