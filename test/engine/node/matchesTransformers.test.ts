import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { ChatMessage, Dtype, RawImage } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { loadModel } from '../../../webview/engine';
import { patternImage } from '../../builders/testImages';
import { fixtureModels } from '../../support/fixtureModels';
import { referenceGreedyIds, type ReferenceRequest } from '../../support/transformersReference';

const MAX_NEW_TOKENS = 20;
let models: string;
before(async () => {
  models = await fixtureModels();
});

async function engineGreedyIds(model: string, dtype: Dtype, messages: ChatMessage[]): Promise<number[]> {
  const loaded = await loadModel({ ort: nodeOrt(), files: nodeModelFiles(join(models, model)), device: 'wasm', dtype });
  const result = await loaded.generate({ messages, maxNewTokens: MAX_NEW_TOKENS, sampling: { temperature: 0 } });
  await loaded.dispose();
  return result.tokenIds;
}

/** The same conversation in the engine's form and in the form transformers.js' templates take. */
function conversation(family: 'llama' | 'idefics3', text: string, images: RawImage[]): { engine: ChatMessage[]; reference: ReferenceRequest['messages'] } {
  // Text models' templates take string contents; Idefics3's takes a list of typed parts.
  if (family === 'llama') {
    return { engine: [{ role: 'user', content: text }], reference: [{ role: 'user', content: text }] };
  }
  return {
    engine: [{ role: 'user', content: [...images.map((image) => ({ type: 'image' as const, image })), { type: 'text', text }] }],
    reference: [{ role: 'user', content: [...images.map(() => ({ type: 'image' as const })), { type: 'text', text }] }],
  };
}

const cases: Array<{ model: string; family: 'llama' | 'idefics3'; images: () => RawImage[]; label: string }> = [
  { model: 'tiny-llama', family: 'llama', images: () => [], label: 'text' },
  { model: 'tiny-smolvlm', family: 'idefics3', images: () => [], label: 'text only' },
  { model: 'tiny-smolvlm', family: 'idefics3', images: () => [patternImage(128, 96, 3)], label: 'one image' },
  { model: 'tiny-smolvlm', family: 'idefics3', images: () => [patternImage(128, 96, 3), patternImage(48, 128, 9)], label: 'two images of different sizes' },
];

for (const dtype of ['fp32', 'q4'] as const) {
  describe(`greedy generation matches transformers.js token for token (${dtype})`, () => {
    for (const c of cases) {
      it(`${c.model}, ${c.label}`, async () => {
        const images = c.images();
        const { engine, reference } = conversation(c.family, 'Write a short note about the sea.', images);
        const expected = await referenceGreedyIds({
          family: c.family,
          modelDir: join(models, c.model),
          dtype,
          messages: reference,
          images,
          maxNewTokens: MAX_NEW_TOKENS,
        });
        const actual = await engineGreedyIds(c.model, dtype, engine);
        assert.ok(expected.length >= 5, `the reference generated only ${expected.length} tokens`);
        assert.deepEqual(actual, expected);
      });
    }
  });
}
