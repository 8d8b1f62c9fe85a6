import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEngineStatus } from '../../../src/statusBar/describeEngineStatus';
import { aGpuReport, aModelInfo } from '../../builders/engineMessages';

describe('describeEngineStatus', () => {
  it('shows load progress as a percentage', () => {
    const view = describeEngineStatus({ kind: 'loading', model: '/m/tiny', fraction: 0.424, detail: 'onnx/model_q4.onnx' });
    assert.equal(view.text, '$(loading~spin) Inkwell: loading 42%');
  });

  it('shows the device and the model name when ready on WebGPU', () => {
    const view = describeEngineStatus({ kind: 'ready', info: aModelInfo(), gpu: aGpuReport(), lastTokensPerSecond: 31.25 });
    assert.equal(view.text, '$(check) Inkwell: WebGPU · tiny-llama');
    assert.match(view.tooltip, /31\.3 tokens\/s/);
    assert.equal(view.severity, undefined);
  });

  it('flags a fallback to WASM as a warning and says why', () => {
    const info = aModelInfo({ device: 'wasm', notices: ['WebGPU is not available (no adapter); running on WASM (CPU), which is slower.'] });
    const view = describeEngineStatus({ kind: 'ready', info, gpu: { available: false, reason: 'no adapter' } });
    assert.equal(view.text, '$(warning) Inkwell: WASM · tiny-llama');
    assert.equal(view.severity, 'warning');
    assert.match(view.tooltip, /running on WASM/);
  });

  it('names the native CPU runtime, without a warning: it is the fast path, not a fallback', () => {
    const info = aModelInfo({ device: 'cpu' });
    const view = describeEngineStatus({ kind: 'ready', info, gpu: { available: false, reason: 'the native runtime runs on the CPU' } });
    assert.equal(view.text, '$(check) Inkwell: CPU (native) · tiny-llama');
    assert.match(view.tooltip, /ready on CPU \(native\)/);
    assert.equal(view.severity, undefined);
  });

  it('shows the speed while generating', () => {
    const view = describeEngineStatus({ kind: 'generating', info: aModelInfo(), gpu: aGpuReport(), tokensPerSecond: 12.345 });
    assert.equal(view.text, '$(loading~spin) Inkwell: 12.3 tok/s');
  });

  it('shows an error in the error colours, with the message in the tooltip', () => {
    const view = describeEngineStatus({ kind: 'error', code: 'missing-file', message: 'No tokenizer.json.' });
    assert.equal(view.severity, 'error');
    assert.match(view.tooltip, /missing-file.*No tokenizer\.json/);
  });
});
