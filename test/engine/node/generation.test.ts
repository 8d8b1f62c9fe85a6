import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LoadedModel } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { loadModel } from '../../../webview/engine';
import { fixtureModels } from '../../support/fixtureModels';
import { countFedTokens } from './fedTokenCounter';

let model: LoadedModel;
const fed = countFedTokens(nodeOrt());
before(async () => {
  const models = await fixtureModels();
  model = await loadModel({ ort: fed.ort, files: nodeModelFiles(join(models, 'tiny-llama')), device: 'wasm', dtype: 'fp32' });
});
after(async () => model.dispose());

const prompt = 'Tell me about the sea.';

describe('generation', () => {
  it('reproduces sampled text for the same seed', async () => {
    const run = (seed: number) =>
      model.generate({ rawPrompt: prompt, maxNewTokens: 24, sampling: { temperature: 1.2, topK: 50, topP: 0.95, seed } });
    const [a, b, c] = [await run(11), await run(11), await run(12)];
    assert.deepEqual(a.tokenIds, b.tokenIds);
    assert.notDeepEqual(a.tokenIds, c.tokenIds);
  });

  it('streams deltas that concatenate to the final text', async () => {
    const deltas: string[] = [];
    const result = await model.generate({ rawPrompt: prompt, maxNewTokens: 30, onDelta: (d) => deltas.push(d) });
    assert.ok(deltas.length > 1);
    assert.equal(deltas.join(''), result.text);
  });

  it('stops within one token of an abort', async () => {
    const controller = new AbortController();
    let deltas = 0;
    let tokensAtAbort = 0;
    const result = await model.generate({
      rawPrompt: prompt,
      maxNewTokens: 60,
      signal: controller.signal,
      onDelta: () => {
        deltas++;
        if (deltas === 3) controller.abort();
      },
    });
    tokensAtAbort = result.tokenIds.length;
    assert.equal(result.finishReason, 'aborted');
    assert.ok(tokensAtAbort <= 4, `generated ${tokensAtAbort} tokens after the abort at the 3rd delta`);
  });

  it('stops a generation that another task aborts (a timer, a cancel message)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await model.generate({ rawPrompt: prompt, maxNewTokens: 1_500, signal: controller.signal });
    assert.equal(result.finishReason, 'aborted', `${result.tokenIds.length} tokens`);
  });

  it('ends as aborted, with no text, when the abort comes while the prompt is read', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    const result = await model.generate({ rawPrompt: prompt, maxNewTokens: 20, signal: controller.signal });
    assert.deepEqual([result.finishReason, result.tokenIds.length, result.text], ['aborted', 0, '']);
  });

  it('returns at once, running nothing, when aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await model.generate({ rawPrompt: prompt, maxNewTokens: 60, signal: controller.signal });
    assert.deepEqual([result.finishReason, result.tokenIds.length, result.prefilledTokens], ['aborted', 0, 0]);
  });

  it('ends the text exactly before a stop string', async () => {
    const full = await model.generate({ rawPrompt: prompt, maxNewTokens: 40 });
    const stop = full.text.slice(Math.floor(full.text.length / 2), Math.floor(full.text.length / 2) + 3);
    assert.ok(stop.length === 3, `the model produced too little text: ${JSON.stringify(full.text)}`);
    const deltas: string[] = [];
    const cut = await model.generate({ rawPrompt: prompt, maxNewTokens: 40, stop: [stop], onDelta: (d) => deltas.push(d) });
    assert.equal(cut.finishReason, 'stop');
    assert.equal(cut.text, full.text.slice(0, full.text.indexOf(stop)));
    assert.equal(deltas.join(''), cut.text);
  });

  it('stops at the token budget', async () => {
    const result = await model.generate({ rawPrompt: prompt, maxNewTokens: 7 });
    assert.deepEqual([result.finishReason, result.tokenIds.length], ['length', 7]);
  });

  it('prefills only the new tokens when a prompt extends one it generated from, with the ids of a cold run', async () => {
    // The cache then holds the prompt and 11 generated tokens, which the next prompt does not have.
    const first = await model.generate({ rawPrompt: prompt, maxNewTokens: 12 });
    const extended = `${prompt} And about the wind.`;
    fed.clear();
    const warm = await model.generate({ rawPrompt: extended, maxNewTokens: 12 });
    const newTokens = warm.promptTokens - first.promptTokens;
    assert.ok(newTokens > 0 && newTokens < warm.promptTokens, `${newTokens} new of ${warm.promptTokens}`);
    assert.deepEqual([warm.prefilledTokens, fed.runs[0]], [newTokens, newTokens]);
    // A different prompt in between drops the cache: the next run is cold.
    await model.generate({ rawPrompt: 'Something else entirely.', maxNewTokens: 1 });
    fed.clear();
    const cold = await model.generate({ rawPrompt: extended, maxNewTokens: 12 });
    assert.deepEqual([cold.prefilledTokens, fed.runs[0]], [cold.promptTokens, cold.promptTokens]);
    assert.deepEqual(warm.tokenIds, cold.tokenIds);
  });

  it('re-runs only the last word when the prompt ends with that word typed further', async () => {
    const stable = await model.generate({ rawPrompt: 'Tell me about the', maxNewTokens: 1 });
    await model.generate({ rawPrompt: 'Tell me about the se', maxNewTokens: 8 });
    fed.clear();
    const warm = await model.generate({ rawPrompt: 'Tell me about the sea', maxNewTokens: 8 });
    const lastWord = warm.promptTokens - stable.promptTokens;
    assert.deepEqual([warm.prefilledTokens, fed.runs[0]], [lastWord, lastWord]);
    await model.generate({ rawPrompt: 'Something else entirely.', maxNewTokens: 1 });
    const cold = await model.generate({ rawPrompt: 'Tell me about the sea', maxNewTokens: 8 });
    assert.deepEqual(warm.tokenIds, cold.tokenIds);
  });
});
