/**
 * A decoder rewritten to GroupQueryAttention, with the cache it writes in place on the GPU
 * (inPlaceGpuKvCache.ts), against the file with the cache it outputs, both on WebGPU in Chromium:
 * the same logits (within float tolerance) and argmax after every run, through decode steps, cuts
 * of the cache, a reset and growth past the first block of capacity. SwiftShader's subgroups of 4
 * make onnxruntime's kernels wrong on chunks of 32 positions or more, so chunks stay shorter, or
 * the runner cuts them as the engine does there; the last tests check that
 * groupQueryAttentionWorks.ts tells that apart, as the engine relies on it, and the cut prompts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SHORT_RUN } from '../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { fixtureModels } from '../../support/fixtureModels';
import { openEnginePage, type EnginePage } from './enginePageHarness';
import type { WebGpuRewriteRequest, WebGpuRewriteStep } from './page/webGpuRewritePage';

const ids = (count: number, seed: number) => Array.from({ length: count }, (_, i) => (i * 37 + seed * 101 + 11) % 500);
const feed = (count: number, seed: number) => ({ feed: ids(count, seed) });

function assertSameChoices(steps: WebGpuRewriteStep[]): void {
  for (const step of steps) {
    assert.equal(step.fusedArgmax, step.fileArgmax, `argmax at ${step.length}`);
    assert.ok(step.maxDifference < 1e-3, `logits at ${step.length} differ by ${step.maxDifference}`);
  }
}

describe('the in-place GPU cache of a GroupQueryAttention decoder, in headless Chromium', () => {
  let page: EnginePage;
  before(async () => {
    page = await openEnginePage(await fixtureModels(), { webgpu: true });
  });
  after(async () => page.close());

  const run = async (actions: WebGpuRewriteRequest['actions'], longestRun?: number) => {
    const result = await page.webGpuRewrite({ model: 'tiny-llama', groupQueryAttention: true, actions, longestRun });
    assert.ok(result.ok, result.ok ? '' : result.message);
    return result;
  };

  it("gives the file's logits through a prompt, decode steps, a cut, a new chunk and a reset", async () => {
    const result = await run([
      feed(20, 1),
      ...Array.from({ length: 8 }, (_, i) => feed(1, i + 2)),
      feed(7, 10),
      { keepFirst: 15 },
      feed(3, 11),
      feed(1, 12),
      { keepFirst: 0 },
      feed(25, 13),
      feed(1, 14),
    ]);
    assert.ok(result.fusedInputs.includes('seqlens_k') && !result.fusedInputs.includes('attention_mask'), result.fusedInputs.join());
    assert.deepEqual(
      result.steps.map((s) => s.length),
      [20, 21, 22, 23, 24, 25, 26, 27, 28, 35, 18, 19, 25, 26],
    );
    assertSameChoices(result.steps);
  });

  it('keeps its rows when the buffers grow past their first 512 positions', async () => {
    const result = await run([...Array.from({ length: 18 }, (_, i) => feed(30, i)), feed(1, 40), feed(1, 41)]);
    assert.equal(result.steps.at(-1)!.length, 542);
    assertSameChoices(result.steps);
  });

  it('is used by the engine on the runs this device computes right: any, or short ones', async () => {
    const result = await run([feed(64, 3)]);
    const [prompt] = result.steps;
    const right = prompt!.fusedArgmax === prompt!.fileArgmax && prompt!.maxDifference < 1e-3;
    assert.equal(result.longestRightRun, right ? Infinity : SHORT_RUN, `a 64-token prompt differs by ${prompt!.maxDifference}`);
  });

  it("gives the file's logits on prompts the runner cuts into runs of SHORT_RUN positions", async () => {
    const result = await run([feed(64, 3), feed(1, 4), feed(40, 5), { keepFirst: 30 }, feed(31, 6), feed(1, 7)], SHORT_RUN);
    assert.deepEqual(
      result.steps.map((s) => s.length),
      [64, 65, 105, 61, 62],
    );
    assertSameChoices(result.steps);
  });
});
