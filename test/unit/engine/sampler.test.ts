import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argmax, createSampler, type SamplerSettings } from '../../../webview/engine/generation/sampler';

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

  it('applies the repetition penalty as transformers.js does (divide positives, multiply negatives)', () => {
    const sample = createSampler(settings({ temperature: 0, repetitionPenalty: 2 }));
    // Token 0 (4 → 2) loses to token 1 (3); a negative seen logit gets more negative.
    assert.equal(sample(new Float32Array([4, 3, -1]), [0]), 1);
    assert.equal(sample(new Float32Array([-1, -1.5, -3]), [0]), 1);
  });
});
