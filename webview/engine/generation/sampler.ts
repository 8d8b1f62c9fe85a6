import { seededRandom } from './seededRandom';

export interface SamplerSettings {
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}

export type Sampler = (logits: Float32Array, previousIds: readonly number[]) => number;

/**
 * Picks the next token. The order of the steps follows transformers.js: repetition penalty on the
 * raw logits, then temperature, top-k, top-p, and a weighted draw. Temperature 0 is greedy
 * (argmax, first index on ties, as transformers.js).
 */
export function createSampler(settings: SamplerSettings): Sampler {
  const random = seededRandom(settings.seed);
  return (logits, previousIds) => {
    const scores = settings.repetitionPenalty !== 1 ? penalize(logits, previousIds, settings.repetitionPenalty) : logits;
    if (settings.temperature <= 0) return argmax(scores);
    return drawFrom(candidatesOf(scores, settings), random());
  };
}

export function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function penalize(logits: Float32Array, previousIds: readonly number[], penalty: number): Float32Array {
  const out = new Float32Array(logits);
  for (const id of new Set(previousIds)) {
    out[id] = out[id] < 0 ? out[id] * penalty : out[id] / penalty;
  }
  return out;
}

interface Candidate {
  id: number;
  probability: number;
}

/** Softmax over the top-k (then top-p) logits at the given temperature. */
function candidatesOf(logits: Float32Array, settings: SamplerSettings): Candidate[] {
  const k = settings.topK > 0 ? Math.min(settings.topK, logits.length) : logits.length;
  const order = topIndices(logits, k);
  const max = logits[order[0]];
  const weights = order.map((id) => Math.exp((logits[id] - max) / settings.temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  const candidates = order.map((id, i) => ({ id, probability: weights[i] / total }));
  if (settings.topP <= 0 || settings.topP >= 1) return candidates;
  const kept: Candidate[] = [];
  let mass = 0;
  for (const candidate of candidates) {
    kept.push(candidate);
    mass += candidate.probability;
    if (mass >= settings.topP) break;
  }
  return kept;
}

function topIndices(values: Float32Array, k: number): number[] {
  if (k >= values.length) return Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  // Partial selection keeps sampling cheap for 150k-entry vocabularies.
  const heap: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      if (heap.length === k) heap.sort((a, b) => values[b] - values[a] || a - b);
    } else if (values[i] > values[heap[k - 1]]) {
      let j = k - 1;
      while (j > 0 && values[heap[j - 1]] < values[i]) {
        heap[j] = heap[j - 1];
        j--;
      }
      heap[j] = i;
    }
  }
  return heap;
}

function drawFrom(candidates: Candidate[], u: number): number {
  const total = candidates.reduce((a, c) => a + c.probability, 0);
  let threshold = u * total;
  for (const candidate of candidates) {
    threshold -= candidate.probability;
    if (threshold <= 0) return candidate.id;
  }
  return candidates[candidates.length - 1].id;
}
