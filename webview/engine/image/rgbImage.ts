import type { RawImage } from '../api';

/** 8-bit RGB pixels, row-major, 3 bytes a pixel: what the processor works on before normalizing. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Drops the alpha channel without compositing, as transformers.js's `RawImage.rgb()` does (the
 * Python processor composites on white instead; see docs/image-preprocessing.md). The colour of a
 * fully transparent pixel is therefore whatever the decoder left there.
 */
export function toRgb(image: RawImage): RgbImage {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new RangeError(`RawImage ${width}x${height}x${channels} needs ${width * height * channels} bytes, has ${data.length}`);
  }
  if (channels === 3) {
    return { width, height, data: data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length) };
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, o = 0; i < data.length; i += 4) {
    rgb[o++] = data[i];
    rgb[o++] = data[i + 1];
    rgb[o++] = data[i + 2];
  }
  return { width, height, data: rgb };
}
