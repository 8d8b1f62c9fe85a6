import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSampler } from '../../../webview/engine/generation/sampler';
import { float16ToFloat32 } from '../../../webview/engine/runtime/float16';
import type { LogitsDtype } from '../../../webview/engine/runtime/shortlistOnGpu';
import { eighthsRow, float16Bits, logitsWords } from '../../builders/logitsBuffers';
import { fixtureModels } from '../../support/fixtureModels';
import { openEnginePage, type EnginePage } from './enginePageHarness';

/** One decoder step: the last row (earlier rows hold 100s, which must never be read) and the ids generated so far. */
interface Step {
  rows: number;
  lastRow: number[];
  previousIds: number[];
  penalty: number;
}

const greedy = (penalty: number) => createSampler({ temperature: 0, topK: 0, topP: 1, repetitionPenalty: penalty, seed: 0 });

/** The row as the CPU path sees it: float16 read back and widened by float16ToFloat32, as lastLogits.ts does. */
function cpuRow(dtype: LogitsDtype, values: number[]): Float32Array {
  return dtype === 'float32' ? Float32Array.from(values) : float16ToFloat32(Uint16Array.from(values, float16Bits));
}

/** A row of `fill` with the given ids set. */
function row(vocab: number, fill: number, set: Record<number, number>): number[] {
  const values = new Array<number>(vocab).fill(fill);
  for (const [id, value] of Object.entries(set)) values[Number(id)] = value;
  return values;
}

for (const dtype of ['float32', 'float16'] as const) {
  describe(`greedy decoding on WebGPU with a shortlist of ${dtype} logits`, () => {
    let page: EnginePage;
    before(async () => {
      page = await openEnginePage(await fixtureModels(), { webgpu: true });
    });
    after(async () => page.close());

    /** Runs the steps on one ShortlistOnGpu and returns the token chosen from each shortlist, checked against the CPU's. */
    async function choices(vocab: number, steps: Step[]): Promise<number[]> {
      const outcome = await page.shortlist({
        dtype,
        vocab,
        steps: steps.map((s) => ({
          rows: s.rows,
          words: logitsWords(dtype, [...new Array<number>((s.rows - 1) * vocab).fill(100), ...s.lastRow]),
          askedIds: s.penalty !== 1 ? s.previousIds : [],
        })),
      });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
      return steps.map((step, i) => {
        const { ids, logits } = outcome.shortlists[i];
        const askedInVocab = new Set(step.penalty !== 1 ? step.previousIds.filter((id) => id < vocab) : []);
        assert.ok([...askedInVocab].every((id) => ids.includes(id)), `step ${i}: an asked id is missing`);
        assert.ok(ids.length <= askedInVocab.size + 1, `step ${i}: ${ids.length} entries for ${askedInVocab.size} asked ids`);
        const fromShortlist = greedy(step.penalty)({ ids: Uint32Array.from(ids), logits: Float32Array.from(logits) }, step.previousIds);
        const fromRow = greedy(step.penalty)(cpuRow(dtype, step.lastRow), step.previousIds);
        assert.equal(fromShortlist, fromRow, `step ${i}`);
        return fromShortlist;
      });
    }

    it('picks the lowest id among equal maxima, from a row that starts mid-word', async () => {
      assert.deepEqual(await choices(1001, [{ rows: 2, lastRow: row(1001, -1, { 700: 5, 300: 5, 999: 5 }), previousIds: [], penalty: 1 }]), [300]);
    });

    it('gives a tie made by the repetition penalty to the lower id', async () => {
      // 2.5 / 1.25 is exactly 2: a penalized id ties with an unpenalized one.
      const steps = [
        { rows: 1, lastRow: row(1001, -1, { 10: 2.5, 20: 2 }), previousIds: [10, 5], penalty: 1.25 },
        { rows: 1, lastRow: row(1001, -1, { 30: 2.5, 20: 2 }), previousIds: [30, 5], penalty: 1.25 },
        { rows: 1, lastRow: row(1001, -3, { 30: -2, 20: -2.5 }), previousIds: [30], penalty: 1.25 },
      ];
      assert.deepEqual(await choices(1001, steps), [10, 20, 20]);
    });

    it('matches the CPU sampler on random rows of a 49k vocabulary, many ids generated', async () => {
      const vocab = 49_157;
      const steps = [1.1, 1.3, 0.8, 1].map((penalty, i) => {
        const lastRow = eighthsRow(vocab, 11 + i);
        const top = Math.max(...lastRow);
        // Repeats and ids past the vocabulary, as a real prompt can have; and the row's first best
        // ids, so that the penalty decides.
        const spread = Array.from({ length: 600 }, (_, k) => (k * 7919 + i * 131) % (vocab + 50));
        const best = lastRow.flatMap((v, id) => (v === top ? [id] : [])).slice(0, 3);
        return { rows: 3, lastRow, previousIds: [...spread, ...best, ...spread.slice(0, 50)], penalty };
      });
      await choices(vocab, steps);
    });

    it('holds the whole row when every id was generated', async () => {
      const vocab = 40;
      const ids = Array.from({ length: vocab }, (_, id) => id);
      await choices(vocab, [{ rows: 2, lastRow: eighthsRow(vocab, 3), previousIds: ids, penalty: 1.3 }]);
    });

    it('treats -0 as +0, lets NaN win only at id 0, and ties infinities to the lower id', async () => {
      const steps = [
        { rows: 1, lastRow: row(64, -1, { 3: -0, 5: 0 }), previousIds: [], penalty: 1 },
        { rows: 1, lastRow: row(64, -1, { 1: NaN, 2: 1 }), previousIds: [], penalty: 1 },
        { rows: 1, lastRow: row(64, -1, { 0: NaN, 4: 3 }), previousIds: [], penalty: 1 },
        { rows: 1, lastRow: row(64, -1, { 7: Infinity, 9: Infinity }), previousIds: [], penalty: 1 },
      ];
      assert.deepEqual(await choices(64, steps), [3, 2, 0, 7]);
    });

    it('forgets the ids asked for at an earlier step', async () => {
      const lastRow = row(5000, -1, { 4500: 4, 20: 3 });
      const steps = [
        { rows: 1, lastRow, previousIds: [4500], penalty: 2 },
        { rows: 1, lastRow, previousIds: [4500], penalty: 1 },
      ];
      assert.deepEqual(await choices(5000, steps), [20, 4500]);
    });
  });
}
