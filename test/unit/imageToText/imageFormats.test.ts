import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffImageMimeType } from '../../../src/imageToText/imageFormats';
import { encodeJpeg, encodePng, solidImage } from '../../builders/testImages';

const red = solidImage(4, 4, [255, 0, 0]);

describe('sniffImageMimeType', () => {
  it('knows PNG and JPEG by their first bytes', () => {
    assert.equal(sniffImageMimeType(encodePng(red)), 'image/png');
    assert.equal(sniffImageMimeType(encodeJpeg(red)), 'image/jpeg');
  });

  it('knows GIF and WebP by their signatures', () => {
    assert.equal(sniffImageMimeType(new TextEncoder().encode('GIF89a....')), 'image/gif');
    assert.equal(sniffImageMimeType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')), 'image/webp');
  });

  it('rejects what the engine cannot decode', () => {
    assert.equal(sniffImageMimeType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(sniffImageMimeType(new TextEncoder().encode('BM6\u0000')), undefined);
    assert.equal(sniffImageMimeType(new Uint8Array()), undefined);
  });
});
