/**
 * Cancelling while a long prompt is prefilled on the CPU: the engine stops at the next chunk
 * instead of running the whole prompt, and the chunks that ran stay in the cache, so asking again
 * (or a prompt that shares them, as the next inline completion of the same document does) skips
 * them and generates what a cold run generates.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Ort } from '../../../webview/engine/api';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { loadModel } from '../../../webview/engine';
import { fixtureModels } from '../../support/fixtureModels';

const ort = nodeOrt();
const PROMPT = 'the quick brown fox jumps over the lazy dog '.repeat(30);

/** The engine's Ort, with a hook after each session run. */
function withRunHook(afterRun: () => void): Ort {
  const create = async (...args: Parameters<Ort['InferenceSession']['create']>) => {
    const session = await ort.InferenceSession.create(...args);
    const run = session.run.bind(session);
    return Object.assign(session, {
      run: (async (...runArgs: Parameters<typeof run>) => {
        const outputs = await run(...runArgs);
        afterRun();
        return outputs;
      }) as typeof run,
    });
  };
  return { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as Ort;
}

it('stops a long prompt between chunks when cancelled, and keeps what ran for the next request', async () => {
  const files = nodeModelFiles(join(await fixtureModels(), 'tiny-llama'));
  const controller = new AbortController();
  let runs = 0;
  const model = await loadModel({ ort: withRunHook(() => ++runs === 2 && controller.abort()), files, device: 'wasm', dtype: 'fp32' });
  const cold = await loadModel({ ort, files, device: 'wasm', dtype: 'fp32' });
  try {
    const cancelled = await model.generate({ rawPrompt: PROMPT, maxNewTokens: 6, signal: controller.signal });
    assert.ok(cancelled.promptTokens > 3 * 256, `a prompt of ${cancelled.promptTokens} tokens is four chunks or more`);
    assert.equal(cancelled.finishReason, 'aborted');
    assert.deepEqual(cancelled.tokenIds, []);
    assert.equal(runs, 2, 'no run after the abort');
    // The prompt runs in as few chunks of at most 256 positions as it can, cut evenly.
    const twoChunks = Math.ceil((2 * cancelled.promptTokens) / Math.ceil(cancelled.promptTokens / 256));
    assert.equal(cancelled.prefilledTokens, twoChunks);

    const again = await model.generate({ rawPrompt: PROMPT, maxNewTokens: 6 });
    assert.equal(again.prefilledTokens, again.promptTokens - twoChunks, 'the two chunks that ran are reused');
    const reference = await cold.generate({ rawPrompt: PROMPT, maxNewTokens: 6 });
    assert.equal(reference.prefilledTokens, reference.promptTokens);
    assert.deepEqual(again.tokenIds, reference.tokenIds);
    assert.equal(again.tokenIds.length, 6);
  } finally {
    await model.dispose();
    await cold.dispose();
  }
});

it('reads a cancel that comes from another task between the chunks of a long prompt', async () => {
  const model = await loadModel({ ort, files: nodeModelFiles(join(await fixtureModels(), 'tiny-llama')), device: 'wasm', dtype: 'fp32' });
  try {
    const controller = new AbortController();
    // As the host's cancel message does: a task of its own, which a run on wasm never lets in.
    setTimeout(() => controller.abort(), 0);
    const cancelled = await model.generate({ rawPrompt: PROMPT, maxNewTokens: 6, signal: controller.signal });
    assert.equal(cancelled.finishReason, 'aborted');
    assert.ok(cancelled.prefilledTokens < cancelled.promptTokens, `${cancelled.prefilledTokens} of ${cancelled.promptTokens} prompt tokens ran`);
  } finally {
    await model.dispose();
  }
});
