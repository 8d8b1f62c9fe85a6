import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argmax, createSampler, type SamplerSettings } from '../../../webview/engine/generation/sampler';
import type { Shortlist } from '../../../webview/engine/runtime/shortlist';

const settings = (over: Partial<SamplerSettings>): SamplerSettings => ({
  temperature: 1,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  seed: 1,
  ...over,
});

function randomLogits(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 8 - 4;
  }
  return out;
}

/** What runtime/shortlist.ts describes, made on the CPU: the asked ids, and the argmax of the others. */
function shortlistOf(logits: Float32Array, askedIds: number[]): Shortlist {
  const asked = [...new Set(askedIds.filter((id) => id < logits.length))];
  const others = logits.map((v, id) => (asked.includes(id) ? -Infinity : v));
  const ids = others.some((v) => v > -Infinity) ? [...asked, argmax(others)] : asked;
  return { ids: Uint32Array.from(ids), logits: Float32Array.from(ids, (id) => logits[id]) };
}

function drawMany(sampler: ReturnType<typeof createSampler>, logits: Float32Array, n: number): number[] {
  return Array.from({ length: n }, () => sampler(logits, []));
}

describe('sampler', () => {
  it('is greedy at temperature 0 and picks the first of equal maxima', () => {
    const sample = createSampler(settings({ temperature: 0 }));
    assert.equal(sample(new Float32Array([1, 5, 5, 2]), []), 1);
    assert.equal(argmax(new Float32Array([-3, -1, -2])), 1);
  });

  it('gives the same draws for the same seed', () => {
    const logits = randomLogits(500, 7);
    const a = drawMany(createSampler(settings({ seed: 42 })), logits, 50);
    const b = drawMany(createSampler(settings({ seed: 42 })), logits, 50);
    assert.deepEqual(a, b);
  });

  it('gives different draws for different seeds', () => {
    const logits = randomLogits(500, 7);
    const a = drawMany(createSampler(settings({ seed: 1 })), logits, 50);
    const b = drawMany(createSampler(settings({ seed: 2 })), logits, 50);
    assert.notDeepEqual(a, b);
  });

  it('only draws from the top k', () => {
    const logits = randomLogits(300, 3);
    const top3 = Array.from(logits.keys()).sort((x, y) => logits[y] - logits[x]).slice(0, 3);
    const draws = drawMany(createSampler(settings({ topK: 3, temperature: 2 })), logits, 200);
    for (const id of draws) assert.ok(top3.includes(id));
  });

  it('keeps only the smallest set reaching top-p mass', () => {
    const logits = new Float32Array([10, 9.9, 0, 0, 0]);
    const draws = new Set(drawMany(createSampler(settings({ topP: 0.9 })), logits, 200));
    assert.deepEqual([...draws].sort(), [0, 1]);
  });

  it('picks from a shortlist of the row what it picks from the row, penalty and ties included', () => {
    for (const penalty of [1, 1.1, 1.25, 0.8]) {
      const sample = createSampler(settings({ temperature: 0, repetitionPenalty: penalty }));
      for (let seed = 1; seed <= 50; seed++) {
        const logits = randomLogits(200, seed).map((v) => Math.round(v * 4) / 4);
        const previousIds = Array.from({ length: 30 }, (_, k) => (k * 37 + seed * 11) % 210);
        assert.equal(sample(shortlistOf(logits, penalty !== 1 ? previousIds : []), previousIds), sample(logits, previousIds), `penalty ${penalty}, seed ${seed}`);
      }
    }
  });

  it('takes a shortlist only for greedy decoding', () => {
    const shortlist = { ids: Uint32Array.of(0), logits: Float32Array.of(1) };
    assert.throws(() => createSampler(settings({ temperature: 0.7 }))(shortlist, []));
  });

  it('applies the repetition penalty as transformers.js does (divide positives, multiply negatives)', () => {
    const sample = createSampler(settings({ temperature: 0, repetitionPenalty: 2 }));
    // Token 0 (4 → 2) loses to token 1 (3); a negative seen logit gets more negative.
    assert.equal(sample(new Float32Array([4, 3, -1]), [0]), 1);
    assert.equal(sample(new Float32Array([-1, -1.5, -3]), [0]), 1);
  });
});
