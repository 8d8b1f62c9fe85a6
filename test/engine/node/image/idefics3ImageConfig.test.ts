import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEngineError } from '../../../../webview/engine/errors';
import { resolveIdefics3ImageSettings } from '../../../../webview/engine/image/idefics3ImageConfig';
import { smolVlmPreprocessorConfig } from './transformersReference';

function invalidModel(pattern: RegExp) {
  return (error: unknown) => isEngineError(error) && error.code === 'invalid-model' && pattern.test(error.message);
}

describe('resolveIdefics3ImageSettings', () => {
  it("reads SmolVLM-256M-Instruct's preprocessor_config.json", () => {
    assert.deepEqual(resolveIdefics3ImageSettings(smolVlmPreprocessorConfig), {
      longestEdge: 2048,
      resample: 1,
      rescaleFactor: 0.00392156862745098,
      meanStd: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
      doImageSplitting: true,
      tileSize: 512,
    });
  });

  it("applies transformers.js's defaults to a minimal config", () => {
    assert.deepEqual(resolveIdefics3ImageSettings({ size: { longest_edge: 100 }, max_image_size: { longest_edge: 50 } }), {
      longestEdge: 100,
      resample: 2,
      rescaleFactor: 1 / 255,
      meanStd: undefined,
      doImageSplitting: true,
      tileSize: 50,
    });
  });

  it('broadcasts a single mean and std to the three channels', () => {
    const settings = resolveIdefics3ImageSettings({ ...smolVlmPreprocessorConfig, image_mean: 0.25, image_std: 2 });
    assert.deepEqual(settings.meanStd, { mean: [0.25, 0.25, 0.25], std: [2, 2, 2] });
  });

  it('skips the first resize when do_resize is false', () => {
    assert.equal(resolveIdefics3ImageSettings({ ...smolVlmPreprocessorConfig, do_resize: false }).longestEdge, undefined);
  });

  it('refuses a size other than longest_edge, as an invalid model', () => {
    assert.throws(() => resolveIdefics3ImageSettings({ ...smolVlmPreprocessorConfig, size: { shortest_edge: 384 } }), invalidModel(/only size \{"longest_edge": N\}/));
  });

  it('refuses a config without max_image_size', () => {
    const { max_image_size: _omitted, ...config } = smolVlmPreprocessorConfig;
    assert.throws(() => resolveIdefics3ImageSettings(config), invalidModel(/max_image_size.longest_edge must be a positive integer/));
  });

  it('refuses an unknown resample filter', () => {
    assert.throws(() => resolveIdefics3ImageSettings({ ...smolVlmPreprocessorConfig, resample: 9 }), invalidModel(/resample must be 0 to 5/));
  });

  it('refuses a mean with the wrong number of channels', () => {
    assert.throws(() => resolveIdefics3ImageSettings({ ...smolVlmPreprocessorConfig, image_mean: [0.5, 0.5] }), invalidModel(/image_mean/));
  });
});
