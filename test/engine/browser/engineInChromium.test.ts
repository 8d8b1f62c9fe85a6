import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RawImage } from '../../../webview/engine/api';
import { SHORT_RUN } from '../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { encodeJpeg, encodePng, patternImage, solidImage } from '../../builders/testImages';
import { fixtureModels } from '../../support/fixtureModels';
import { referenceGreedyIds } from '../../support/transformersReference';
import { openEnginePage, type EnginePage } from './enginePageHarness';

const MAX_NEW_TOKENS = 20;
const PROMPT = 'Write a short note about the sea.';
let models: string;
before(async () => {
  models = await fixtureModels();
});

const b64 = (bytes: Buffer) => bytes.toString('base64');

const cases: Array<{ model: string; family: 'llama' | 'idefics3'; images: RawImage[]; label: string }> = [
  { model: 'tiny-llama', family: 'llama', images: [], label: 'text' },
  { model: 'tiny-smolvlm', family: 'idefics3', images: [patternImage(128, 96, 3)], label: 'one image' },
  { model: 'tiny-smolvlm', family: 'idefics3', images: [patternImage(128, 96, 3), patternImage(48, 128, 9)], label: 'two images' },
];

for (const device of ['webgpu', 'wasm'] as const) {
  describe(`the engine in headless Chromium on ${device}`, () => {
    let page: EnginePage;
    before(async () => {
      page = await openEnginePage(models, { webgpu: device === 'webgpu' });
    });
    after(async () => page.close());

    for (const dtype of ['fp32', 'q4'] as const) {
      for (const c of cases) {
        it(`gives transformers.js' token ids: ${c.model}, ${c.label}, ${dtype}`, async () => {
          const expected = await referenceGreedyIds({
            family: c.family,
            modelDir: join(models, c.model),
            dtype,
            messages: [{ role: 'user', content: c.images.length > 0 ? [...c.images.map(() => ({ type: 'image' as const })), { type: 'text', text: PROMPT }] : PROMPT }],
            images: c.images,
            maxNewTokens: MAX_NEW_TOKENS,
          });
          const outcome = await page.run({
            model: c.model,
            device,
            dtype,
            allowFallback: false,
            text: PROMPT,
            images: c.images.map((image) => b64(encodePng(image))),
            maxNewTokens: MAX_NEW_TOKENS,
          });
          assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
          assert.equal(outcome.info.device, device);
          assert.deepEqual(outcome.result.tokenIds, expected);
          assert.equal(outcome.deltas.join(''), outcome.result.text);
        });
      }
    }

    // On WebGPU greedy decoding reads back a shortlist of the logits made on the GPU
    // (shortlistOnGpu.ts); with a penalty, that shortlist holds every id generated so far. The
    // tiny VLM's greedy ids never hit a seen id, so only a penalty below 1 (favouring them) bites.
    for (const [c, penalty] of [[cases[0], 1.3], [cases[1], 0.7]] as const) {
      it(`gives transformers.js' token ids with a repetition penalty of ${penalty}: ${c.model}, ${c.label}`, async () => {
        const messages = [{ role: 'user', content: c.images.length > 0 ? [...c.images.map(() => ({ type: 'image' as const })), { type: 'text' as const, text: PROMPT }] : PROMPT }];
        const reference = { family: c.family, modelDir: join(models, c.model), dtype: 'fp32' as const, messages, images: c.images, maxNewTokens: MAX_NEW_TOKENS };
        const expected = await referenceGreedyIds({ ...reference, repetitionPenalty: penalty });
        assert.notDeepEqual(expected, await referenceGreedyIds(reference), 'the penalty changes no token: the test shows nothing');
        const outcome = await page.run({
          model: c.model,
          device,
          dtype: 'fp32',
          allowFallback: false,
          text: PROMPT,
          images: c.images.map((image) => b64(encodePng(image))),
          maxNewTokens: MAX_NEW_TOKENS,
          repetitionPenalty: penalty,
        });
        assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
        assert.deepEqual(outcome.result.tokenIds, expected);
      });
    }

    for (const dtype of ['fp32', 'q4'] as const) {
      it(`prefills only what a prompt adds to the one it generated from last, with a cold run's ids: ${dtype}`, async () => {
        const request = { model: 'tiny-llama', device, dtype, allowFallback: false, images: [], maxNewTokens: 12, raw: true, text: `${PROMPT} And the wind.` };
        const cold = await page.run(request);
        const warm = await page.run({ ...request, warmUpWith: PROMPT });
        assert.ok(cold.ok && warm.ok, JSON.stringify([cold, warm]).slice(0, 500));
        assert.equal(cold.result.prefilledTokens, cold.result.promptTokens);
        assert.ok(warm.result.prefilledTokens > 0 && warm.result.prefilledTokens < warm.result.promptTokens / 2, `${warm.result.prefilledTokens}`);
        assert.deepEqual(warm.result.tokenIds, cold.result.tokenIds);
      });
    }

    if (device === 'webgpu') {
      // The ids of these runs are the tests' above: here, how the engine ran them.
      for (const c of cases.slice(0, 2)) {
        it(`cuts a prompt into the runs SwiftShader's attention gets right, then replays decode steps: ${c.model}, ${c.label}`, async (t) => {
          const adapter = (await page.gpuAdapter()) ?? '';
          if (!/swiftshader/i.test(adapter)) return t.skip(`what the engine does here depends on the adapter: ${adapter}`);
          const images = c.images.map((image) => b64(encodePng(image)));
          const outcome = await page.run({ model: c.model, device, dtype: 'fp32', allowFallback: false, text: PROMPT, images, maxNewTokens: 8, traceDecoderRuns: true });
          assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
          const { promptTokens, tokenIds } = outcome.result;
          assert.ok(promptTokens > SHORT_RUN, `a prompt of ${promptTokens} tokens shows no cut`);
          // As few runs of at most SHORT_RUN positions as the prompt needs, cut evenly.
          const chunkCount = Math.ceil(promptTokens / SHORT_RUN);
          const end = (i: number) => Math.ceil((promptTokens * i) / chunkCount);
          const chunks = Array.from({ length: chunkCount }, (_, i) => end(i + 1) - end(i));
          const step = (replayed: boolean) => ({ positions: 1, replayed, inHeap: 0 });
          const runs = outcome.decoderRuns!;
          assert.deepEqual(runs.map(({ submits: _, ...run }) => run), [
            ...chunks.map((positions) => ({ positions, replayed: false, inHeap: 0 })),
            // The first replayed step is run by the session too, and replaying goes on as they agree.
            step(true),
            step(false),
            ...Array.from({ length: tokenIds.length - 2 }, () => step(true)),
          ]);
          // A replayed step reaches the GPU in one submit (joinedSubmits.ts), the first, which records the capture, aside; the session's run of a step, in several.
          const replays = runs.filter((run) => run.replayed).slice(1);
          assert.deepEqual(replays.map((run) => run.submits), Array.from({ length: tokenIds.length - 2 }, () => 1));
          const ownStep = runs[chunks.length + 1]!;
          assert.ok(ownStep.submits > 1, `the session's run of a step submitted ${ownStep.submits} times`);
        });
      }
    }

    if (device === 'wasm') {
      it("reads a long prompt's settled past where it lies in ORT's heap, with transformers.js' token ids", async () => {
        // Past the 128 positions the cache keeps recent before they settle.
        const text = Array.from({ length: 12 }, () => PROMPT).join(' ');
        const expected = await referenceGreedyIds({ family: 'llama', modelDir: join(models, 'tiny-llama'), dtype: 'fp32', messages: [{ role: 'user', content: text }], images: [], maxNewTokens: 8 });
        const outcome = await page.run({ model: 'tiny-llama', device, dtype: 'fp32', allowFallback: false, text, images: [], maxNewTokens: 8, traceDecoderRuns: true });
        assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
        assert.deepEqual(outcome.result.tokenIds, expected);
        const runs = outcome.decoderRuns!;
        const before = runs.map((_, i) => runs.slice(0, i).reduce((sum, run) => sum + run.positions, 0));
        assert.ok(before.at(-1)! >= 128, `${outcome.result.promptTokens} prompt tokens settle nothing`);
        // tiny-llama's 2 layers: a key and a value each, settled once 128 positions were fed.
        assert.deepEqual(runs.map((run) => run.inHeap), before.map((fed) => (fed >= 128 ? 4 : 0)));
      });
    }

    it('stops a generation that another task of the page aborts', async () => {
      const maxNewTokens = 400;
      const outcome = await page.run({ model: 'tiny-llama', device, dtype: 'fp32', allowFallback: false, images: [], text: PROMPT, maxNewTokens, abortAfterMs: 100 });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
      assert.equal(outcome.result.finishReason, 'aborted', `${outcome.result.tokenIds.length} tokens`);
      assert.ok(outcome.result.tokenIds.length < maxNewTokens);
    });

    for (const [colour, rgb] of [['red', [220, 30, 25]], ['green', [20, 200, 40]], ['blue', [30, 40, 230]]] as const) {
      for (const format of ['png', 'jpeg'] as const) {
        it(`colour-vlm names a ${colour} ${format.toUpperCase()} image`, async () => {
          const image = solidImage(96, 64, [...rgb]);
          const outcome = await page.run({
            model: 'colour-vlm',
            device,
            dtype: 'fp32',
            allowFallback: false,
            text: 'What colour is this image?',
            images: [b64(format === 'png' ? encodePng(image) : encodeJpeg(image))],
            maxNewTokens: 8,
          });
          assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
          assert.equal(outcome.result.text.trim(), colour);
          assert.equal(outcome.result.finishReason, 'eos');
        });
      }
    }
  });
}
