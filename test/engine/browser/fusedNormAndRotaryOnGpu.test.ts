/**
 * A decoder with its RMSNorms and rotary embedding fused (fuseRmsNorm.ts, fuseRotaryEmbedding.ts)
 * and the file's attention, which is what the engine runs on WebGPU where GroupQueryAttention is
 * refused (as on SwiftShader, so in every engine test on WebGPU here), against the file on WebGPU
 * in Chromium: the same choices and logits within float tolerance (the norm's mean is summed in
 * its own order) through a prompt, decode steps, a cut and a chunk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtureModels } from '../../support/fixtureModels';
import { openEnginePage, type EnginePage } from './enginePageHarness';

const ids = (count: number, seed: number) => Array.from({ length: count }, (_, i) => (i * 37 + seed * 101 + 11) % 500);
const feed = (count: number, seed: number) => ({ feed: ids(count, seed) });

describe('the fused RMSNorm and rotary embedding on WebGPU, in headless Chromium', () => {
  let page: EnginePage;
  before(async () => {
    page = await openEnginePage(await fixtureModels(), { webgpu: true });
  });
  after(async () => page.close());

  it("gives the file's choices and logits", async () => {
    const actions = [feed(40, 1), ...Array.from({ length: 5 }, (_, i) => feed(1, i + 2)), { keepFirst: 30 }, feed(6, 9), feed(1, 10)];
    const result = await page.webGpuRewrite({ model: 'tiny-llama', groupQueryAttention: false, actions });
    assert.ok(result.ok, result.ok ? '' : result.message);
    for (const op of ['RotaryEmbedding', 'SimplifiedLayerNormalization', 'SkipSimplifiedLayerNormalization']) assert.ok(result.fusedOps.includes(op), result.fusedOps.join());
    for (const gone of ['Neg', 'ReduceMean']) assert.ok(!result.fusedOps.includes(gone), result.fusedOps.join());
    assert.deepEqual(
      result.steps.map((s) => s.length),
      [40, 41, 42, 43, 44, 45, 36, 37],
    );
    for (const step of result.steps) {
      assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
      assert.ok(step.maxDifference < 1e-3, `logits at ${step.length} differ by ${step.maxDifference} (${step.differing} of them)`);
    }
  });
});
