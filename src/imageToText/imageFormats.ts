/**
 * The image formats the engine reads (PNG and JPEG everywhere; WebP and GIF through the webview's
 * `createImageBitmap`), told apart by their first bytes: a file's extension can lie, and pasted
 * or `data:` images have none.
 */

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export const IMAGE_MIME_TYPES: readonly ImageMimeType[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

const EXTENSIONS: Record<ImageMimeType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Anything bigger is surely not meant for a model that sees 512-pixel tiles. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export function sniffImageMimeType(bytes: Uint8Array): ImageMimeType | undefined {
  const startsWith = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (startsWith(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

export function extensionForMimeType(mimeType: ImageMimeType): string {
  return EXTENSIONS[mimeType];
}

export function isImageMimeType(value: string): value is ImageMimeType {
  return (IMAGE_MIME_TYPES as readonly string[]).includes(value);
}
