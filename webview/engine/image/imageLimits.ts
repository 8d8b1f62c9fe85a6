import { EngineError } from '../errors';

/**
 * The largest image the decoders accept. Cameras top out near 12288x8192 (100 MP); a header larger
 * than these limits is far more likely a decompression bomb than a photo. 50 megapixels decode to
 * 200 MB of RGBA, which a webview can still hold next to the model.
 */
export const MAX_IMAGE_SIDE = 16384;
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Throws `image-too-large` when a `width` x `height` image is over the limits; `name` says which image. */
export function assertImageSizeAllowed(width: number, height: number, name: string): void {
  if (width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS) return;
  const megapixels = ((width * height) / 1e6).toFixed(1);
  throw new EngineError(
    'image-too-large',
    `${name} is ${width}x${height} pixels (${megapixels} megapixels); the limit is ${MAX_IMAGE_SIDE} pixels a side and ` +
      `${MAX_IMAGE_PIXELS / 1e6} megapixels. Scale it down and attach it again.`,
  );
}
