/**
 * How the decoder runner takes replayed decode steps (decoderRunner.ts, replayedDecodeStep.ts): the
 * first one is run by the session too and kept only if both agree; after that steps replay alone;
 * a replay that disagrees or throws is dropped for good and the session's logits are the step's.
 * The session, cache and replayed step are stand-ins that count their runs and return logits
 * chosen per test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import type { Ort } from '../../../webview/engine/api';
import type { Session } from '../../../webview/engine/runtime/createSession';
import { DecoderRunner } from '../../../webview/engine/runtime/decoderRunner';
import { KvCache } from '../../../webview/engine/runtime/kvCache';
import { logitsAgree, type ReplayedDecodeStep } from '../../../webview/engine/runtime/replayedDecodeStep';

const VOCAB = 8;
const OWN = Float32Array.from({ length: VOCAB }, (_, i) => (i * 7) % 5);
const logits = (values: Float32Array) => new ort.Tensor('float32', values.slice(), [1, 1, VOCAB]);

class CountingCache extends KvCache {
  feeds() {
    return {};
  }
  protected take(): void {}
  protected async cut(): Promise<void> {}
  protected clear(): void {}
}

function fakes(replayedLogits: () => Float32Array) {
  const runs = { session: 0, replayed: 0, released: 0 };
  const session = {
    inputNames: ['input_ids'],
    outputNames: ['logits'],
    run: async () => {
      runs.session++;
      return { logits: logits(OWN) };
    },
  } as unknown as Session;
  const step = {
    usable: true,
    run: async () => {
      runs.replayed++;
      return logits(replayedLogits());
    },
    release: async () => void runs.released++,
  } as unknown as ReplayedDecodeStep;
  const cache = new CountingCache();
  const runner = new DecoderRunner(ort as unknown as Ort, session, cache, 'webgpu', { replayed: step });
  const step1 = () => runner.run({ name: 'input_ids', tensor: new ort.Tensor('int64', BigInt64Array.of(1n), [1, 1]) }, 1) as Promise<Float32Array>;
  return { runs, runner, cache, step: step1 };
}

describe('replayed decode steps in the decoder runner', () => {
  it("replay alone once the first replayed step agreed with the session's run of it", async () => {
    const { runs, runner, cache, step } = fakes(() => OWN);
    for (let i = 0; i < 4; i++) assert.deepEqual(await step(), OWN);
    assert.deepEqual(runs, { session: 1, replayed: 4, released: 0 });
    assert.equal(cache.length, 4);
    assert.ok(runner.replaysSteps);
  });

  it("are dropped when the first disagrees, the session's logits being the step's", async () => {
    const off = OWN.slice();
    off[3]! += 0.01;
    const { runs, runner, cache, step } = fakes(() => off);
    for (let i = 0; i < 3; i++) assert.deepEqual(await step(), OWN);
    assert.deepEqual(runs, { session: 3, replayed: 1, released: 1 });
    assert.equal(cache.length, 3);
    assert.ok(!runner.replaysSteps);
  });

  it('are dropped when a replay throws, the session running that step', async () => {
    const { runs, runner, cache, step } = fakes(() => {
      throw new Error('Cannot set properties of undefined');
    });
    assert.deepEqual(await step(), OWN);
    assert.deepEqual(await step(), OWN);
    assert.deepEqual(runs, { session: 2, replayed: 1, released: 1 });
    assert.equal(cache.length, 2);
    assert.ok(!runner.replaysSteps);
  });
});

describe('logitsAgree', () => {
  it('accepts the same logits and differences within 1e-3 of their size', () => {
    const near = Float32Array.from(OWN, (v) => v * (1 + 5e-4));
    assert.ok(logitsAgree(OWN, OWN));
    assert.ok(logitsAgree(near, OWN));
  });

  it('refuses a larger difference, another largest logit, or another length', () => {
    const off = OWN.slice();
    off[0]! += 0.01;
    // OWN's largest, 4, first at index 2 and again at 7: nudging the second within tolerance moves the argmax.
    const flipped = OWN.slice();
    flipped[7] = 4.0005;
    assert.ok(!logitsAgree(off, OWN));
    assert.ok(!logitsAgree(flipped, OWN), 'within tolerance, but another argmax');
    assert.ok(!logitsAgree(OWN.subarray(1), OWN));
  });
});
