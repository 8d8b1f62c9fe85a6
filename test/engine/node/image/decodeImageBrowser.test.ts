import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { decodeImage } from '../../../../webview/engine/adapters/browser/decodeImage';
import { isEngineError } from '../../../../webview/engine/errors';
import { buildImage, encodePng } from './imageBuilders';

/**
 * Node has neither createImageBitmap nor OffscreenCanvas, so these specify the adapter's contract
 * with stand-ins; the real browser path runs in the webview and the browser engine tests.
 */
type Globals = Record<string, unknown>;
const globals = globalThis as unknown as Globals;

interface FakeBrowser {
  bitmapOptions: unknown[];
  closed: number;
}

function installFakeBrowser(decode: (blob: Blob) => { width: number; height: number }): FakeBrowser {
  const fake: FakeBrowser = { bitmapOptions: [], closed: 0 };
  globals.createImageBitmap = async (blob: Blob, options: unknown) => {
    fake.bitmapOptions.push(options);
    return { ...decode(blob), close: () => fake.closed++ };
  };
  globals.OffscreenCanvas = class {
    constructor(
      readonly width: number,
      readonly height: number,
    ) {}
    getContext() {
      const { width, height } = this;
      return {
        drawImage: () => undefined,
        getImageData: () => ({ data: new Uint8ClampedArray(width * height * 4).fill(7) }),
      };
    }
  };
  return fake;
}

afterEach(() => {
  delete globals.createImageBitmap;
  delete globals.OffscreenCanvas;
});

describe('decodeImage (browser)', () => {
  it('asks createImageBitmap for unconverted colours and unpremultiplied alpha, and returns RGBA', async () => {
    const fake = installFakeBrowser(() => ({ width: 3, height: 2 }));
    const image = await decodeImage(encodePng(buildImage(3, 2, 'gradient')));
    assert.deepEqual(fake.bitmapOptions, [{ colorSpaceConversion: 'none', premultiplyAlpha: 'none' }]);
    assert.deepEqual([image.width, image.height, image.channels, image.data.length], [3, 2, 4, 24]);
    assert.equal(fake.closed, 1);
  });

  it('accepts a Blob as well as bytes', async () => {
    installFakeBrowser(() => ({ width: 3, height: 2 }));
    const image = await decodeImage(new Blob([encodePng(buildImage(3, 2, 'gradient')) as Uint8Array<ArrayBuffer>]));
    assert.equal(image.width, 3);
  });

  it('refuses an oversized image from its header without decoding it', async () => {
    const fake = installFakeBrowser(() => assert.fail('decoded an oversized image'));
    const bytes = Uint8Array.from(encodePng(buildImage(4, 4, 'gradient')));
    new DataView(bytes.buffer).setUint32(20, 17000);
    await assert.rejects(decodeImage(bytes, 'tall.png'), (error: unknown) => isEngineError(error) && error.code === 'image-too-large' && /tall\.png is 4x17000/.test(error.message));
    assert.equal(fake.bitmapOptions.length, 0);
  });

  it('refuses an oversized image found only after decoding, and still frees the bitmap', async () => {
    const fake = installFakeBrowser(() => ({ width: 10000, height: 6000 }));
    await assert.rejects(decodeImage(new Uint8Array([1, 2, 3, 4])), (error: unknown) => isEngineError(error) && error.code === 'image-too-large');
    assert.equal(fake.closed, 1);
  });

  it('reports bytes the browser cannot decode as image-undecodable, naming the format it saw', async () => {
    installFakeBrowser(() => {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    });
    await assert.rejects(
      decodeImage(new TextEncoder().encode('GIF89a\x02\x00\x02\x00garbage'), 'anim.gif'),
      (error: unknown) => isEngineError(error) && error.code === 'image-undecodable' && /anim\.gif looks like a GIF but the browser could not decode it/.test(error.message),
    );
  });

  it('reports unknown bytes as not an image format the browser can decode', async () => {
    installFakeBrowser(() => {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    });
    await assert.rejects(decodeImage(new TextEncoder().encode('plain text')), (error: unknown) => isEngineError(error) && /not an image format the browser can decode/.test(error.message));
  });
});
