import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ModelFiles } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { EngineError, loadModel, type EngineErrorCode } from '../../../webview/engine';
import { overlayModelFiles } from '../../builders/overlayModelFiles';
import { solidImage } from '../../builders/testImages';
import { fixtureModels } from '../../support/fixtureModels';

let models: string;
before(async () => {
  models = await fixtureModels();
});

const load = (files: ModelFiles, options: { device?: 'wasm' | 'webgpu'; dtype?: 'fp32' | 'q4' | 'fp16'; allowFallback?: boolean } = {}) =>
  loadModel({ ort: nodeOrt(), files, device: options.device ?? 'wasm', dtype: options.dtype ?? 'fp32', allowFallback: options.allowFallback });

function rejectsWith(code: EngineErrorCode, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };
}

describe('engine errors', () => {
  it('names an unsupported architecture and what is supported', async () => {
    const files = nodeModelFiles(join(models, 'tiny-llama'));
    const config = JSON.parse(await readFile(join(models, 'tiny-llama', 'config.json'), 'utf8'));
    const gpt2 = overlayModelFiles(files, { 'config.json': JSON.stringify({ ...config, model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] }) });
    await assert.rejects(load(gpt2), rejectsWith('unsupported-architecture', /"gpt2" model \(GPT2LMHeadModel\).*Inkwell runs llama/));
  });

  it('names a missing ONNX file and the precisions that exist', async () => {
    const files = overlayModelFiles(nodeModelFiles(join(models, 'tiny-llama')), { 'onnx/model_q4.onnx': null });
    await assert.rejects(load(files, { dtype: 'q4' }), rejectsWith('missing-file', /onnx\/model_q4\.onnx.*Precisions it has: fp32/));
  });

  it('names a missing config file', async () => {
    const files = overlayModelFiles(nodeModelFiles(join(models, 'tiny-llama')), { 'tokenizer.json': null });
    await assert.rejects(load(files), rejectsWith('missing-file', /has no tokenizer\.json/));
  });

  it('refuses a prompt longer than the context window, saying how long each is', async () => {
    const model = await load(nodeModelFiles(join(models, 'tiny-llama')));
    const long = 'word '.repeat(model.info.contextLength + 10);
    await assert.rejects(model.generate({ rawPrompt: long }), rejectsWith('prompt-too-long', /The prompt is \d+ tokens but tiny-llama reads at most \d+/));
    await model.dispose();
  });

  it('says a text model cannot read images and what to use instead', async () => {
    const model = await load(nodeModelFiles(join(models, 'tiny-llama')));
    const request = { messages: [{ role: 'user' as const, content: [{ type: 'image' as const, image: solidImage(8, 8, [255, 0, 0]) }] }] };
    await assert.rejects(model.generate(request), rejectsWith('images-not-supported', /vision-language model/));
    await model.dispose();
  });

  it('reports WebGPU as unavailable when falling back is not allowed', async () => {
    await assert.rejects(
      load(nodeModelFiles(join(models, 'tiny-llama')), { device: 'webgpu', allowFallback: false }),
      rejectsWith('webgpu-unavailable', /WebGPU is unavailable.*"wasm"/),
    );
  });

  it('falls back from WebGPU to WASM with a notice, not silently', async () => {
    const model = await load(nodeModelFiles(join(models, 'tiny-llama')), { device: 'webgpu' });
    assert.equal(model.info.device, 'wasm');
    assert.match(model.info.notices.join('\n'), /WebGPU is unavailable/);
    await model.dispose();
  });

  it('falls back from fp16 to fp32 on WASM with a notice', async () => {
    const model = await load(nodeModelFiles(join(models, 'tiny-llama')), { dtype: 'fp16' });
    assert.equal(model.info.dtype, 'fp32');
    assert.match(model.info.notices.join('\n'), /fp16 needs shader-f16/);
    await model.dispose();
  });
});
