/**
 * Decode steps of a GroupQueryAttention decoder replayed from a capture (replayedDecodeStep.ts),
 * against the file on WebGPU in Chromium: the same logits and argmax through every step, and the
 * steps really replayed, until the cache outgrows the buffers the capture bound. Chunks stay under
 * 32 positions, as in inPlaceGpuKvCache.test.ts (SwiftShader's subgroups of 4), or are cut by the
 * runner. The page is built
 * with our fix to onnxruntime-web's replayed outputs (scripts/ortGraphCapturePatch.ts), as the
 * extension's webview is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SHORT_RUN } from '../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { fixtureModels } from '../../support/fixtureModels';
import { openEnginePage, type EnginePage } from './enginePageHarness';
import type { WebGpuRewriteRequest } from './page/webGpuRewritePage';

const ids = (count: number, seed: number) => Array.from({ length: count }, (_, i) => (i * 37 + seed * 101 + 11) % 500);
const feed = (count: number, seed: number) => ({ feed: ids(count, seed) });
const steps = (count: number, seed: number) => Array.from({ length: count }, (_, i) => feed(1, seed + i));

describe('decode steps replayed from a capture, in headless Chromium', () => {
  let page: EnginePage;
  before(async () => {
    page = await openEnginePage(await fixtureModels(), { webgpu: true });
  });
  after(async () => page.close());

  const run = async (actions: WebGpuRewriteRequest['actions'], model = 'tiny-llama', longestRun?: number) => {
    const result = await page.webGpuRewrite({ model, groupQueryAttention: true, replayedSteps: { reservedLength: 64 }, actions, longestRun });
    assert.ok(result.ok, result.ok ? '' : result.message);
    return result;
  };

  it("give the file's logits, replayed, through steps, a cut, a new chunk and a reset", async () => {
    const result = await run([feed(20, 1), ...steps(8, 2), { keepFirst: 15 }, feed(3, 11), ...steps(3, 12), { keepFirst: 0 }, feed(25, 13), ...steps(4, 14)]);
    for (const step of result.steps) {
      assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
      assert.ok(step.maxDifference < 1e-3, `logits at ${step.length} differ by ${step.maxDifference}`);
    }
    assert.deepEqual(
      result.steps.map((s) => [s.length, s.replayed]),
      [
        [20, false],
        ...[21, 22, 23, 24, 25, 26, 27, 28].map((length) => [length, true]),
        [18, false],
        [19, true],
        [20, true],
        [21, true],
        [25, false],
        [26, true],
        [27, true],
        [28, true],
        [29, true],
      ],
    );
  });

  it('run uncaptured, still right, once the cache outgrows the buffers the capture bound', async () => {
    const result = await run([feed(20, 1), ...steps(2, 2), ...Array.from({ length: 17 }, (_, i) => feed(29, i + 4)), ...steps(2, 30)]);
    assert.deepEqual(
      result.steps.filter((s) => s.replayed).map((s) => s.length),
      [21, 22],
    );
    assert.equal(result.steps.at(-1)!.length, 22 + 17 * 29 + 2);
    for (const step of result.steps) assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
  });

  it("give a VLM decoder's logits, replayed, fed the embeddings its embed_tokens graph leaves on the GPU", async () => {
    const result = await run([feed(12, 1), ...steps(5, 2)], 'tiny-smolvlm');
    assert.deepEqual(
      result.steps.map((s) => [s.length, s.replayed]),
      [[12, false], ...[13, 14, 15, 16, 17].map((length) => [length, true])],
    );
    for (const step of result.steps) {
      assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
      assert.ok(step.maxDifference < 1e-3, `logits at ${step.length} differ by ${step.maxDifference}`);
    }
  });

  it('follow a VLM prompt whose embeddings the runner cuts on the GPU into runs of SHORT_RUN positions', async () => {
    const result = await run([feed(50, 1), ...steps(3, 2)], 'tiny-smolvlm', SHORT_RUN);
    assert.deepEqual(
      result.steps.map((s) => [s.length, s.replayed]),
      [[50, false], ...[51, 52, 53].map((length) => [length, true])],
    );
    for (const step of result.steps) {
      assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
      assert.ok(step.maxDifference < 1e-3, `logits at ${step.length} differ by ${step.maxDifference}`);
    }
  });

  it('are checked on the device before the engine replays them', async () => {
    const result = await run([feed(5, 1), feed(1, 2)]);
    assert.equal(result.replayWorks, true);
  });
});
