const ORIENTATION_TAG = 0x0112;

/**
 * The orientation (1-8) in a JPEG's EXIF block, or 1 when it has none or the block is damaged
 * (a damaged EXIF block should not make a readable image unreadable). `exif` is the APP1 payload
 * after "Exif\0", as jpeg-js hands it over: possibly a padding 0 byte, then a TIFF header.
 */
export function readExifOrientation(exif: Uint8Array | undefined): number {
  if (!exif) return 1;
  const tiff = exif[0] === 0 ? exif.subarray(1) : exif;
  if (tiff.length < 8) return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
