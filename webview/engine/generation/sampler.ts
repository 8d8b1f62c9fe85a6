import type { LastLogits, Shortlist } from '../runtime/shortlist';
import { seededRandom } from './seededRandom';

export interface SamplerSettings {
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}

export type Sampler = (logits: LastLogits, previousIds: readonly number[]) => number;

/**
 * Picks the next token. The order of the steps follows transformers.js: repetition penalty on the
 * raw logits, then temperature, top-k, top-p, and a weighted draw. Temperature 0 is greedy
 * (argmax, first index on ties, as transformers.js), and may be given a shortlist of the row
 * that holds `previousIds` (shortlist.ts) instead of the row.
 */
export function createSampler(settings: SamplerSettings): Sampler {
  const random = seededRandom(settings.seed);
  const penalty = settings.repetitionPenalty;
  return (logits, previousIds) => {
    if (!(logits instanceof Float32Array)) {
      if (settings.temperature > 0) throw new Error('A shortlist of the logits only serves greedy decoding.');
      return argmaxOfShortlist(penalty !== 1 ? penalizeShortlist(logits, previousIds, penalty) : logits);
    }
    const scores = penalty !== 1 ? penalize(logits, previousIds, penalty) : logits;
    if (settings.temperature <= 0) return argmax(scores);
    return drawFrom(candidatesOf(scores, settings), random());
  };
}

export function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** argmax() of the whole row, from its shortlist. NaN never wins but at id 0, where argmax() never moves off it. */
function argmaxOfShortlist({ ids, logits }: Shortlist): number {
  let best = -1;
  for (let i = 0; i < ids.length; i++) {
    if (Number.isNaN(logits[i])) {
      if (ids[i] === 0) return 0;
    } else if (best < 0 || logits[i] > logits[best] || (logits[i] === logits[best] && ids[i] < ids[best])) {
      best = i;
    }
  }
  return best < 0 ? 0 : ids[best];
}

/** In double precision, then rounded to float32 when stored, as transformers.js. */
function penalized(logit: number, penalty: number): number {
  return logit < 0 ? logit * penalty : logit / penalty;
}

function penalize(logits: Float32Array, previousIds: readonly number[], penalty: number): Float32Array {
  const out = new Float32Array(logits);
  for (const id of new Set(previousIds)) out[id] = penalized(out[id], penalty);
  return out;
}

function penalizeShortlist({ ids, logits }: Shortlist, previousIds: readonly number[], penalty: number): Shortlist {
  const seen = new Set(previousIds);
  return { ids, logits: logits.map((logit, i) => (seen.has(ids[i]) ? penalized(logit, penalty) : logit)) };
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
