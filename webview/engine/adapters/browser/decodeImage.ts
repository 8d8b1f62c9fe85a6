import type { RawImage } from '../../api';
import { EngineError } from '../../errors';
import { formatName, readImageDimensions, sniffImageFormat } from '../../image/imageFormat';
import { assertImageSizeAllowed } from '../../image/imageLimits';

/**
 * Decodes image bytes with the browser's own decoders (PNG, JPEG, GIF's first frame, WebP, BMP,
 * AVIF where supported), upright by EXIF orientation, into RGBA pixels. Colours are left as stored
 * (`colorSpaceConversion: 'none'`) and alpha is not premultiplied by `createImageBitmap`; note that
 * the canvas still stores premultiplied pixels, so colours under alpha < 255 may round differently
 * from the Node decoder and fully transparent pixels read back as black. Throws `image-too-large`
 * from the header before decoding when the format is known, and `image-undecodable` when the
 * browser cannot decode the bytes.
 */
export async function decodeImage(source: Blob | Uint8Array, name = 'The image'): Promise<RawImage> {
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
  if (bytes.length === 0) throw new EngineError('image-undecodable', `${name} is empty (0 bytes).`);
  const format = sniffImageFormat(bytes);
  const header = format && readImageDimensions(bytes, format);
  if (header) assertImageSizeAllowed(header.width, header.height, name);

  let bitmap: ImageBitmap;
  try {
    const blob = source instanceof Blob ? source : new Blob([bytes as Uint8Array<ArrayBuffer>]);
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    const what = format ? `looks like a ${formatName(format)} but the browser could not decode it; the file may be damaged or cut short` : 'is not an image format the browser can decode';
    throw new EngineError('image-undecodable', `${name} ${what}.`, { cause: error });
  }
  try {
    const { width, height } = bitmap;
    assertImageSizeAllowed(width, height, name);
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new EngineError('image-undecodable', `${name} could not be read: no 2D canvas is available to decode it.`);
    context.drawImage(bitmap, 0, 0);
    return { width, height, channels: 4, data: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
