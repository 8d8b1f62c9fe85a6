import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Idefics3ImageProcessor, Tensor } from '@huggingface/transformers';
import { longestEdgeSize, visionEncoderSize } from '../../../../webview/engine/image/resizeTargets';
import { seededBytes } from './imageBuilders';
import { smolVlmPreprocessorConfig } from './transformersReference';

const processor = new Idefics3ImageProcessor(smolVlmPreprocessorConfig as never);

function randomSizes(count: number): [number, number][] {
  const next = seededBytes(99);
  return Array.from({ length: count }, () => [1 + ((next() << 8) | next()) % 5000, 1 + ((next() << 8) | next()) % 5000]);
}

describe('longestEdgeSize', () => {
  it("agrees with transformers.js's get_resize_output_image_size on 2000 random sizes", () => {
    for (const [width, height] of randomSizes(2000)) {
      const expected = processor.get_resize_output_image_size({ size: [width, height] } as never, { longest_edge: 2048 });
      const actual = longestEdgeSize(width, height, 2048);
      assert.deepEqual([actual.width, actual.height], expected, `${width}x${height}`);
    }
  });

  it('keeps the size of an image whose longest edge already is the target, so no resampling happens', () => {
    for (const [width, height] of [[2048, 1536], [1000, 2048], [2048, 1], [2048, 2048]]) {
      assert.deepEqual(longestEdgeSize(width, height, 2048), { width, height });
    }
  });

  it('upscales small images (SmolVLM sees a 224x224 image at 2048x2048)', () => {
    assert.deepEqual(longestEdgeSize(224, 224, 2048), { width: 2048, height: 2048 });
    assert.deepEqual(longestEdgeSize(300, 1000, 2048), { width: 614, height: 2048 });
  });
});

describe('visionEncoderSize', () => {
  it("agrees with transformers.js's get_resize_for_vision_encoder on 2000 random sizes", () => {
    for (const [width, height] of randomSizes(2000)) {
      const tensor = new Tensor('float32', new Float32Array(0), [0, height, width]);
      const expected = processor.get_resize_for_vision_encoder(tensor, 512);
      assert.deepEqual(visionEncoderSize(width, height, 512), expected, `${width}x${height}`);
    }
  });

  it('rounds 2048x1152 (a 16:9 photo) up to 2048x1536', () => {
    assert.deepEqual(visionEncoderSize(2048, 1152, 512), { width: 2048, height: 1536 });
  });
});
