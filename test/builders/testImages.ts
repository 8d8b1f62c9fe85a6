import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RawImage } from '../../webview/engine/api';

/** A smooth gradient with seeded noise: detailed enough that tiling and resizing matter. */
export function patternImage(width: number, height: number, seed = 1): RawImage {
  const data = new Uint8Array(width * height * 4);
  let s = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const i = (y * width + x) * 4;
      data[i] = Math.round((255 * x) / Math.max(1, width - 1));
      data[i + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      data[i + 2] = s >>> 24;
      data[i + 3] = 255;
    }
  }
  return { width, height, channels: 4, data };
}

export function solidImage(width: number, height: number, rgb: [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, channels: 4, data };
}

export function encodePng(image: RawImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(rgba(image));
  return PNG.sync.write(png);
}

export function encodeJpeg(image: RawImage, quality = 95): Buffer {
  return jpeg.encode({ data: Buffer.from(rgba(image)), width: image.width, height: image.height }, quality).data;
}

function rgba(image: RawImage): Uint8Array {
  if (image.channels === 4) return image.data as Uint8Array;
  const out = new Uint8Array(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) out.set([...image.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
  return out;
}
