import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CaseResult } from '../../../scripts/bench/benchResults';
import type { EngineName } from '../../../scripts/bench/protocol/caseTypes';
import { idsCheck } from '../../../scripts/bench/report/markdownReport';

/** A node-wasm SmolLM2 q4 case whose context 128 generated `ids`. */
function measured(engine: EngineName, ids: number[]): CaseResult {
  const context = { context: 128, promptTokens: 128, prefillMs: 1, prefillTokensPerSecond: 1, decodeSteps: ids.length - 1, decodeMs: 1, decodeTokensPerSecond: 1, decodeOutsideOrtMsPerToken: 0, ids };
  return { backend: 'node-wasm', model: 'smollm2-135m', dtype: 'q4', engine, memory: {}, figures: { loadMs: 1, contexts: [context], sessions: {} } };
}

it("compares each Inkwell case with the transformers.js case of its own run when runs are reported together", () => {
  // Two runs, the first with 3 tokens, the second with 5: the same context, not the same generation.
  const cases = [measured('inkwell', [1, 2, 3]), measured('transformers.js', [1, 2, 3]), measured('inkwell', [1, 2, 3, 4, 5]), measured('transformers.js', [1, 2, 3, 4, 5])];
  assert.equal(idsCheck({ cases }), 'Generated token ids: identical between the engines in every measured context.');
  cases[3] = measured('transformers.js', [1, 2, 3, 4, 6]);
  assert.equal(idsCheck({ cases }), 'Generated token ids differ in: node-wasm smollm2-135m q4 @128 (from token 5 of 5).');
  // A generation that stopped early (its end token) parts where the other goes on.
  cases[3] = measured('transformers.js', [1, 2, 3]);
  assert.equal(idsCheck({ cases }), 'Generated token ids differ in: node-wasm smollm2-135m q4 @128 (from token 4 of 5).');
});
