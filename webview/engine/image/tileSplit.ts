import { resizeBilinear } from './bilinearResize';
import type { PlanarImage } from './planarImage';

/** How an image was cut: `rows` x `cols` tiles, or 0 x 0 when it went in whole. */
export interface ImageGrid {
  readonly rows: number;
  readonly cols: number;
}

export interface TiledImage {
  readonly grid: ImageGrid;
  /** Row-major tiles, then the whole image shrunk to one tile (the "global" image); just that one when not split. */
  readonly frames: readonly PlanarImage[];
}

function crop(image: PlanarImage, top: number, left: number, height: number, width: number): PlanarImage {
  const out = new Float32Array(image.channels * height * width);
  let o = 0;
  for (let c = 0; c < image.channels; c++) {
    for (let y = top; y < top + height; y++) {
      const from = (c * image.height + y) * image.width + left;
      out.set(image.data.subarray(from, from + width), o);
      o += width;
    }
  }
  return { channels: image.channels, height, width, data: out };
}

/**
 * transformers.js's `Idefics3ImageProcessor.split_image`: tiles of ceil(side / count) pixels, the
 * last row and column flush with the bottom and right edges (so they overlap when the side is not a
 * multiple), then the global image resized bilinearly to `tileSize` x `tileSize`.
 */
export function splitIntoTiles(image: PlanarImage, tileSize: number): TiledImage {
  const { height, width } = image;
  if (height <= tileSize && width <= tileSize) {
    return { grid: { rows: 0, cols: 0 }, frames: [image] };
  }
  const rows = Math.ceil(height / tileSize);
  const cols = Math.ceil(width / tileSize);
  const tileHeight = Math.ceil(height / rows);
  const tileWidth = Math.ceil(width / cols);
  const frames: PlanarImage[] = [];
  for (let r = 0; r < rows; r++) {
    const top = r === rows - 1 ? height - tileHeight : r * tileHeight;
    for (let c = 0; c < cols; c++) {
      const left = c === cols - 1 ? width - tileWidth : c * tileWidth;
      frames.push(crop(image, top, left, tileHeight, tileWidth));
    }
  }
  frames.push(resizeBilinear(image, tileSize, tileSize));
  return { grid: { rows, cols }, frames };
}
