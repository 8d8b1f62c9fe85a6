import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseSpec } from '../../../scripts/bench/protocol/caseTypes';
import type { EngineDriver } from '../../../scripts/bench/protocol/engineDriver';
import { runCase } from '../../../scripts/bench/protocol/runCase';
import type { GraphRole, RunListener, SessionProbe } from '../../../scripts/bench/protocol/sessionTimer';

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

  it('ends the prefill at the first one-position run, however many runs the prompt took', async () => {
    // A fake clock that advances 10 ms a run; the engine runs the 1024-token prompt in four chunks.
    let clock = 0;
    let listener: RunListener | undefined;
    const probe: SessionProbe = { totals: () => ({}), reset: () => undefined, onRun: (next) => void (listener = next) };
    const run = (positions: number) => {
      listener?.('start', 'decoder', positions);
      clock += 10;
      listener?.('end', 'decoder', positions);
    };
    const driver: EngineDriver = {
      generate: async (prompt, maxNewTokens) => {
        const promptTokens = prompt.text === 'River prompt' ? 1024 : 3;
        for (let done = 0; done < promptTokens; done += 256) run(Math.min(256, promptTokens - done));
        for (let step = 1; step < maxNewTokens; step++) run(1);
        return { ids: Array.from({ length: maxNewTokens }, (_, i) => i), text: 'reply', promptTokens };
      },
      dispose: async () => undefined,
    };
    const figures = await runCase({ ...spec, followUpText: undefined }, 1, async () => driver, probe, () => ({ wallMs: clock }));
    const long = figures.contexts.find((c) => c.context === 1024)!;
    assert.equal(long.prefillMs, 40, 'four chunks of prefill');
    assert.equal(long.decodeSteps, 2);
    assert.equal(long.decodeMs, 20);
    assert.equal(long.decodeGpuDispatchesPerToken, undefined, 'no GPU counter, no figure');
    assert.equal(long.decodeGpuSubmitsPerToken, undefined, 'no GPU counter, no figure');
    assert.equal(long.decodePageThreadCpuMsPerToken, undefined, 'no page thread read, no figure');
  });

  it("counts the GPU kernels, the submits and the page thread's CPU time of the decode steps alone, per step", async () => {
    // 100 kernels in 7 submits a prompt run, 7 in 1 a decode step, read by the clock as a WebGPU runner's is; the
    // page's thread spends 40 ms on a prompt run, 3 ms on a step (Chromium's clock), except one
    // step of 45 ms (a garbage collection, say), which the median leaves out and a mean would not.
    // Each step first embeds its token, a one-position run of another session, as a VLM's does.
    let dispatches = 0;
    let submits = 0;
    let pageThreadCpuMs = 0;
    let listener: RunListener | undefined;
    const probe: SessionProbe = { totals: () => ({}), reset: () => undefined, onRun: (next) => void (listener = next) };
    const run = (role: GraphRole, positions: number, cpuMs: number) => {
      listener?.('start', role, positions);
      dispatches += positions === 1 ? 7 : 100;
      submits += positions === 1 ? 1 : 7;
      pageThreadCpuMs += cpuMs;
      listener?.('end', role, positions);
    };
    const driver: EngineDriver = {
      generate: async (_prompt, maxNewTokens) => {
        run('decoder', 5, 40);
        for (let step = 1; step < maxNewTokens; step++) {
          run('embed_tokens', 1, 0);
          run('decoder', 1, step === 2 ? 45 : 3);
        }
        return { ids: Array.from({ length: maxNewTokens }, (_, i) => i), text: 'reply', promptTokens: 5 };
      },
      dispose: async () => undefined,
    };
    const clock = () => ({ wallMs: performance.now(), gpuDispatches: dispatches, gpuSubmits: submits, pageThreadCpuMs });
    const figures = await runCase({ ...spec, decodeTokens: 4 }, 1, async () => driver, probe, clock);
    for (const context of figures.contexts) {
      assert.equal(context.decodeGpuDispatchesPerToken, 14);
      assert.equal(context.decodeGpuSubmitsPerToken, 2);
      assert.equal(context.decodePageThreadCpuMsPerToken, 3);
    }
  });
});
