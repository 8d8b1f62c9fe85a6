import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RawImage } from '../../api';
import { EngineError } from '../../errors';
import { formatName, readImageDimensions, sniffImageFormat } from '../../image/imageFormat';
import { assertImageSizeAllowed, MAX_IMAGE_PIXELS } from '../../image/imageLimits';
import { orientImage } from '../../image/orientImage';
import { readExifOrientation } from './exifOrientation';

function undecodable(message: string, cause?: unknown): EngineError {
  return new EngineError('image-undecodable', message, cause === undefined ? undefined : { cause });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function decodePng(bytes: Uint8Array, name: string): RawImage {
  try {
    // pngjs expands palette, grey and 16-bit PNGs to 8-bit RGBA.
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (error) {
    throw undecodable(`${name} looks like a PNG but could not be decoded (${reason(error)}); the file may be damaged or cut short.`, error);
  }
}

function decodeJpeg(bytes: Uint8Array, name: string): RawImage {
  let decoded: { width: number; height: number; data: Uint8Array; exifBuffer?: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 });
  } catch (error) {
    throw undecodable(`${name} looks like a JPEG but could not be decoded (${reason(error)}); the file may be damaged, cut short, or use an unsupported JPEG variant.`, error);
  }
  const image: RawImage = { width: decoded.width, height: decoded.height, channels: 3, data: decoded.data };
  return orientImage(image, readExifOrientation(decoded.exifBuffer));
}

/**
 * Decodes PNG or JPEG bytes into RGBA (PNG) or RGB (JPEG) pixels in Node, turning JPEGs upright by
 * their EXIF orientation as browsers do. `name` (a path, say) goes into error messages. Throws
 * `image-undecodable` for other formats or damaged files, and `image-too-large` from the header,
 * before any pixel is allocated.
 */
export function decodeImage(bytes: Uint8Array, name = 'The image'): RawImage {
  if (bytes.length === 0) throw undecodable(`${name} is empty (0 bytes).`);
  const format = sniffImageFormat(bytes);
  if (format === undefined) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw undecodable(`${name} is not a PNG or JPEG image (it starts with bytes ${head}).`);
  }
  if (format !== 'png' && format !== 'jpeg') {
    throw undecodable(`${name} is a ${formatName(format)} image; outside the webview Inkwell reads only PNG and JPEG. Convert it to PNG or JPEG.`);
  }
  const size = readImageDimensions(bytes, format);
  if (size === undefined) throw undecodable(`${name} looks like a ${formatName(format)} but its header is damaged or cut short.`);
  assertImageSizeAllowed(size.width, size.height, name);
  return format === 'png' ? decodePng(bytes, name) : decodeJpeg(bytes, name);
}
