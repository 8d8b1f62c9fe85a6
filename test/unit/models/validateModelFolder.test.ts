import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import { ModelsError } from '../../../src/models/common/modelsError';
import { validateModelFolder } from '../../../src/models/node/validateModelFolder';
import { fixtureModels } from '../../support/fixtureModels';

let fixtures: string;
before(async () => {
  fixtures = await fixtureModels();
});

/** A copy of a generated fixture model with some files removed or replaced. */
async function folderLike(t: TestContext, name: string, changes: { without?: string[]; replace?: Record<string, string> } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'inkwell-folder-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const folder = join(root, name);
  await cp(join(fixtures, name), folder, { recursive: true });
  for (const path of changes.without ?? []) await rm(join(folder, path), { force: true });
  for (const [path, text] of Object.entries(changes.replace ?? {})) await writeFile(join(folder, path), text);
  return folder;
}

const failsWith = (code: string, message: RegExp) => (e: unknown) => e instanceof ModelsError && e.code === code && message.test(e.message);

describe('using a model folder of one’s own', () => {
  it('accepts a complete folder and says which precisions it has', async (t) => {
    const folder = await folderLike(t, 'tiny-llama');
    assert.deepEqual(await validateModelFolder(folder), { folder, family: 'llama', precisions: ['fp32', 'fp16', 'q4', 'q4f16'], contextLength: 2048 });
  });

  it('names every file an image model folder lacks', async (t) => {
    const folder = await folderLike(t, 'tiny-smolvlm', {
      without: ['preprocessor_config.json', 'tokenizer.json', ...['', '_q4', '_fp16', '_q4f16'].map((s) => `onnx/vision_encoder${s}.onnx`)],
    });
    await assert.rejects(
      validateModelFolder(folder),
      failsWith('invalid-folder', /not a complete idefics3 model folder: it has no tokenizer\.json, preprocessor_config\.json, onnx\/vision_encoder\.onnx \(or its _fp16, _q4, _q4f16 variant\)/),
    );
  });

  it('names the architecture it cannot run and the ones it can', async (t) => {
    const folder = await folderLike(t, 'tiny-llama', { replace: { 'config.json': JSON.stringify({ model_type: 'whisper', architectures: ['WhisperForConditionalGeneration'] }) } });
    await assert.rejects(validateModelFolder(folder), failsWith('unsupported-architecture', /"whisper" model \(WhisperForConditionalGeneration\); Inkwell runs llama, qwen2/));
  });

  it('says when there is no config.json at all', async (t) => {
    const folder = await folderLike(t, 'tiny-llama', { without: ['config.json'] });
    await assert.rejects(validateModelFolder(folder), failsWith('invalid-folder', /is not a model folder: it has no config\.json\./));
  });

  it('refuses a path that is no folder', async () => {
    await assert.rejects(validateModelFolder('/nonexistent/inkwell'), failsWith('invalid-folder', /is not a folder/));
  });
});
