import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { LoadedModel } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { EngineError, loadModel } from '../../../webview/engine';
import { generateFixtures } from '../../../scripts/fixtures/generateFixtures';

// A model with so many attention heads that the scores of one chunk of a prompt (heads × 256 ×
// positions floats: decoderRunner.ts runs long prompts on the CPU 256 positions at a time) cannot
// be allocated in WebAssembly's 4 GiB: the real allocation failure, not a simulated one.
let dir: string;
let model: LoadedModel;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkwell-oom-'));
  await generateFixtures(dir, { only: ['tiny-llama'], overrides: { num_attention_heads: 8192, num_key_value_heads: 1, head_dim: 2, num_hidden_layers: 1 } });
  model = await loadModel({ ort: nodeOrt(), files: nodeModelFiles(join(dir, 'tiny-llama')), device: 'wasm', dtype: 'fp32' });
});
after(async () => {
  await model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('reports running out of memory with what to do, and the model stays usable', async () => {
  await assert.rejects(model.generate({ rawPrompt: 'a '.repeat(1000), maxNewTokens: 1 }), (error: unknown) => {
    assert.ok(error instanceof EngineError);
    assert.equal(error.code, 'out-of-memory');
    assert.match(error.message, /Ran out of WebAssembly memory while running the decoder on \d+ token\(s\).*smaller model, the q4 precision, or a shorter prompt/);
    return true;
  });
  const after = await model.generate({ rawPrompt: 'hello', maxNewTokens: 3 });
  assert.equal(after.tokenIds.length, 3);
});
