import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseSpec } from '../../../scripts/bench/protocol/caseTypes';
import type { EngineDriver } from '../../../scripts/bench/protocol/engineDriver';
import { runCase } from '../../../scripts/bench/protocol/runCase';
import type { SessionProbe } from '../../../scripts/bench/protocol/sessionTimer';

/** A driver that records the prompts it is given, in order. */
function recordingDriver(prompts: string[]): EngineDriver {
  return {
    generate: async (prompt, maxNewTokens) => {
      prompts.push(prompt.text);
      return { ids: Array.from({ length: maxNewTokens }, (_, i) => i), text: 'reply', promptTokens: prompt.text.length };
    },
    dispose: async () => undefined,
  };
}

const idleProbe: SessionProbe = { totals: () => ({}), reset: () => undefined, onRun: () => undefined };

const spec: CaseSpec = {
  engine: 'inkwell',
  model: 'm',
  label: 'm',
  family: 'llama',
  modelLocation: '/m',
  dtype: 'q4',
  device: 'wasm',
  contexts: [{ context: 128, text: 'Harbour prompt' }, { context: 1024, text: 'River prompt' }],
  decodeTokens: 2,
  ttftPrompt: { text: 'Paper prompt' },
};

describe('the bench protocol', () => {
  it('never gives an engine the same prompt twice in a row, so a repeat cannot prefill from the KV cache', async () => {
    const prompts: string[] = [];
    await runCase(spec, 3, async () => recordingDriver(prompts), idleProbe, () => ({ wallMs: performance.now() }));
    for (const measured of ['Harbour prompt', 'River prompt', 'Paper prompt']) {
      assert.equal(prompts.filter((p) => p === measured).length, 3, measured);
    }
    prompts.forEach((prompt, i) => assert.notEqual(prompt, prompts[i - 1], `prompt ${i} repeats the one before: ${prompt}`));
  });
});
