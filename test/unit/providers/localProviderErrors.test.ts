import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineHostError } from '../../../src/engineHost/common/engineHostError';
import { toProviderError } from '../../../src/providers/localProvider';

describe('toProviderError', () => {
  it('offers the bundled image model when the chosen one reads text only', () => {
    const error = toProviderError(new EngineHostError('images-not-supported', 'tiny-llama reads text only.'), 'demo:tiny-llama');
    assert.equal(error.code, 'images-not-supported');
    assert.match(error.message, /tiny-llama reads text only\. Set inkwell\.model to "demo:colour-vlm"/);
  });

  it('keeps engine-crashed, so that the UI can offer a retry', () => {
    assert.equal(toProviderError(new EngineHostError('engine-crashed', 'closed'), 'demo:colour-vlm').code, 'engine-crashed');
  });

  it('reports model folder problems as model-unavailable', () => {
    for (const code of ['model-unavailable', 'missing-file', 'invalid-model', 'unsupported-architecture']) {
      assert.equal(toProviderError(new EngineHostError(code, 'x'), '/m').code, 'model-unavailable', code);
    }
  });

  it('keeps prompt-too-long and reports anything else as engine-failed', () => {
    assert.equal(toProviderError(new EngineHostError('prompt-too-long', 'x'), '/m').code, 'prompt-too-long');
    assert.equal(toProviderError(new EngineHostError('out-of-memory', 'x'), '/m').code, 'engine-failed');
    assert.equal(toProviderError(new TypeError('boom'), '/m').code, 'engine-failed');
  });
});
