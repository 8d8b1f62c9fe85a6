import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downscaleImage } from '../../../../webview/engine/image/downscaleImage';
import { preprocessIdefics3Images } from '../../../../webview/engine/image/idefics3ImageProcessor';
import { buildImage } from './imageBuilders';
import { tinyPreprocessorConfig } from './transformersReference';

describe('downscaleImage', () => {
  it('returns an image that already fits unchanged', () => {
    const image = buildImage(128, 96, 'gradient', 4);
    assert.equal(downscaleImage(image, 128), image);
  });

  it('shrinks the longer side to the limit, keeping the aspect ratio as the processor rounds it', () => {
    const small = downscaleImage(buildImage(300, 200, 'noise'), 128);
    assert.deepEqual([small.width, small.height, small.channels], [128, 85, 3]);
  });

  it("changes nothing the model sees when the limit is the model's longest edge", () => {
    const image = buildImage(300, 200, 'noise', 4, 5);
    const direct = preprocessIdefics3Images([image], tinyPreprocessorConfig);
    const viaDownscale = preprocessIdefics3Images([downscaleImage(image, 128)], tinyPreprocessorConfig);
    assert.ok(Buffer.from(direct.pixelValues.buffer).equals(Buffer.from(viaDownscale.pixelValues.buffer)));
  });
});
