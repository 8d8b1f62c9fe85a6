import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawImage as TjsRawImage } from '@huggingface/transformers';
import { PNG } from 'pngjs';
import { decodeImage } from '../../../../webview/engine/adapters/node/decodeImage';
import { isEngineError, type EngineErrorCode } from '../../../../webview/engine/errors';
import { toRgb } from '../../../../webview/engine/image/rgbImage';
import { buildImage, encodeJpeg, encodePng } from './imageBuilders';

/** How transformers.js decodes the same bytes in Node (sharp, EXIF-rotated), as RGB. */
async function sharpRgb(bytes: Uint8Array) {
  const image = await TjsRawImage.fromBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  return image.rgb();
}

function engineError(code: EngineErrorCode, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(isEngineError(error), `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('decodeImage (Node)', () => {
  it('decodes a PNG to exactly the RGBA pixels it holds, alpha included', () => {
    const image = buildImage(50, 30, 'noise', 4, 9);
    const decoded = decodeImage(encodePng(image));
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [50, 30, 4]);
    assert.ok(Buffer.from(decoded.data).equals(Buffer.from(image.data)));
  });

  it('gives the same RGB as transformers.js (sharp) for a PNG with alpha', async () => {
    const bytes = encodePng(buildImage(64, 40, 'noise', 4, 3));
    const expected = await sharpRgb(bytes);
    assert.ok(Buffer.from(toRgb(decodeImage(bytes)).data).equals(Buffer.from(expected.data)));
  });

  it('expands a greyscale PNG to equal R, G and B, as sharp does', async () => {
    const png = new PNG({ width: 16, height: 8, colorType: 0, inputColorType: 2, inputHasAlpha: false });
    png.data = Buffer.from(buildImage(16, 8, 'gradient').data);
    const bytes = new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 2, inputHasAlpha: false }));
    const decoded = toRgb(decodeImage(bytes));
    const expected = await sharpRgb(bytes);
    assert.ok(Buffer.from(decoded.data).equals(Buffer.from(expected.data)));
  });

  it('decodes a JPEG to RGB within 3 levels of sharp (different IDCTs)', async () => {
    for (const pattern of ['gradient', 'checker', 'noise'] as const) {
      const bytes = encodeJpeg(buildImage(120, 80, pattern), { quality: 75 });
      const decoded = decodeImage(bytes);
      assert.deepEqual([decoded.width, decoded.height, decoded.channels], [120, 80, 3]);
      assert.ok(maxDifference(decoded.data, (await sharpRgb(bytes)).data) <= 3, pattern);
    }
  });

  for (const orientation of [2, 3, 4, 5, 6, 7, 8]) {
    it(`turns a JPEG with EXIF orientation ${orientation} upright, as sharp and browsers do`, async () => {
      const bytes = encodeJpeg(buildImage(48, 32, 'checker'), { orientation, quality: 95 });
      const decoded = decodeImage(bytes);
      const expected = await sharpRgb(bytes);
      assert.deepEqual([decoded.width, decoded.height], [expected.width, expected.height]);
      assert.ok(maxDifference(decoded.data, expected.data) <= 3);
    });
  }

  it('refuses empty bytes', () => {
    assert.throws(() => decodeImage(new Uint8Array(0), 'photo.png'), engineError('image-undecodable', /photo\.png is empty/));
  });

  it('refuses bytes that are no image, quoting the first bytes', () => {
    assert.throws(() => decodeImage(new TextEncoder().encode('hello, world'), 'notes.txt'), engineError('image-undecodable', /notes\.txt is not a PNG or JPEG image \(it starts with bytes 68 65 6c 6c/));
  });

  it('names GIF as a format it cannot read in Node and says what to do', () => {
    const gif = new TextEncoder().encode('GIF89a\x10\x00\x10\x00\x00\x00\x00');
    assert.throws(() => decodeImage(gif, 'cat.gif'), engineError('image-undecodable', /cat\.gif is a GIF image.*Convert it to PNG or JPEG/));
  });

  it('names WebP as a format it cannot read in Node', () => {
    const webp = new TextEncoder().encode('RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00');
    assert.throws(() => decodeImage(webp), engineError('image-undecodable', /is a WebP image/));
  });

  it('reports a PNG cut short as damaged', () => {
    const bytes = encodePng(buildImage(40, 40, 'noise'));
    assert.throws(() => decodeImage(bytes.subarray(0, bytes.length / 2), 'half.png'), engineError('image-undecodable', /half\.png looks like a PNG but could not be decoded/));
  });

  it('reports a JPEG with a damaged body as undecodable', () => {
    const bytes = encodeJpeg(buildImage(40, 40, 'noise'));
    const damaged = Uint8Array.from(bytes);
    // Keep the headers, wreck the quantisation and Huffman tables.
    damaged.fill(0xff, 20, 400);
    assert.throws(() => decodeImage(damaged, 'broken.jpg'), engineError('image-undecodable', /broken\.jpg/));
  });

  it('refuses a PNG wider than 16384 pixels from its header, before decoding', () => {
    const bytes = Uint8Array.from(encodePng(buildImage(4, 4, 'gradient')));
    new DataView(bytes.buffer).setUint32(16, 20000);
    assert.throws(() => decodeImage(bytes, 'wide.png'), engineError('image-too-large', /wide\.png is 20000x4 pixels .*limit is 16384 pixels a side and 50 megapixels/));
  });

  it('refuses a JPEG over 50 megapixels from its header, before decoding', () => {
    const bytes = Uint8Array.from(encodeJpeg(buildImage(8, 8, 'gradient')));
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    new DataView(bytes.buffer).setUint16(sof + 5, 9000);
    new DataView(bytes.buffer).setUint16(sof + 7, 9000);
    assert.throws(() => decodeImage(bytes, 'huge.jpg'), engineError('image-too-large', /huge\.jpg is 9000x9000 pixels \(81\.0 megapixels\)/));
  });
});
