/**
 * Long prompts on the CPU runtimes run in chunks (decoderRunner.ts), as do prompts on a WebGPU
 * device whose attention is right only on short runs: the tiny-llama decoder, as the engine
 * creates it for WASM, must then leave the last logits and the cache that a run of the whole
 * prompt through the file leaves, bit for bit; a chunk that fails must leave the cache as it was
 * before the call, and an abort between chunks the chunks that ran.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { argmax } from '../../../webview/engine/generation/sampler';
import { createKvCache } from '../../../webview/engine/runtime/createKvCache';
import { createSession, type Session } from '../../../webview/engine/runtime/createSession';
import { DecoderRunner, type DecoderRunnerOptions } from '../../../webview/engine/runtime/decoderRunner';
import { SHORT_RUN } from '../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { DEFAULT_SEED } from '../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../scripts/fixtures/tinyLlama';
import { assertSameBits } from '../../builders/assertSameBits';
import { fixtureModels } from '../../support/fixtureModels';
import { runDecoder } from '../../unit/fixtures/decoderSession';

const engineOrt = nodeOrt();
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const SHAPE = { numLayers: TINY.num_hidden_layers, numKeyValueHeads: TINY.num_key_value_heads, headDim: TINY.head_dim, dtype: 'float32' as const };
/** Five chunks of 220 positions (1100 in runs of at most 256, cut evenly). */
const PROMPT = Array.from({ length: 1100 }, (_, i) => (i * 37 + 11) % TINY.vocab_size);

async function tinyLlama(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model.onnx')));
}

const idsTensor = (ids: number[]) => new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);

async function run(runner: DecoderRunner, ids: number[], signal?: AbortSignal): Promise<Float32Array | undefined> {
  const logits = await runner.prefill({ name: 'input_ids', tensor: idsTensor(ids) }, ids.length, undefined, signal);
  assert.ok(logits === undefined || logits instanceof Float32Array);
  return logits;
}

interface RunHooks {
  /** Before run number `run` (1-based), with its feeds; may throw, as a run that fails would. */
  before?: (run: number, feeds: Parameters<Session['run']>[0]) => void;
  /** After run number `run` has returned. */
  after?: (run: number) => void;
}

/** `session` with `hooks` around each of its runs. */
function hooked(session: Session, { before, after }: RunHooks): Session {
  let runs = 0;
  return Object.assign(Object.create(session) as Session, {
    run: (async (...args: Parameters<Session['run']>) => {
      const run = ++runs;
      before?.(run, args[0]);
      const outputs = await session.run(...args);
      after?.(run);
      return outputs;
    }) as Session['run'],
  });
}

/**
 * Runs `body` with a runner over the engine's WASM session of tiny-llama, the lengths of that
 * session's runs as they are made, and the file's own session.
 */
async function withCountingRunner(
  options: DecoderRunnerOptions,
  body: (context: { runner: DecoderRunner; runs: number[]; file: ort.InferenceSession }) => Promise<void>,
): Promise<void> {
  const bytes = await tinyLlama();
  const session = await createSession(engineOrt, bytes, 'wasm', 'tiny-llama');
  const file = await ort.InferenceSession.create(bytes);
  const runs: number[] = [];
  const counting = hooked(session, { before: (_, feeds) => runs.push(Number((feeds.input_ids as ort.Tensor).dims[1])) });
  try {
    await body({ runner: new DecoderRunner(engineOrt, counting, createKvCache(engineOrt, SHAPE, session), 'wasm', options), runs, file });
  } finally {
    await session.release();
    await file.release();
  }
}

describe('a long prompt on a CPU runtime (DecoderRunner.prefill)', () => {
  it('runs in chunks that leave the logits and cache of one run of the file, bit for bit', async () => {
    await withCountingRunner({}, async ({ runner, runs, file }) => {
      const prefill = (await run(runner, PROMPT))!;
      assert.deepEqual(runs, [220, 220, 220, 220, 220]);
      const whole = await runDecoder(file, TINY, { ids: [PROMPT] });
      const expected = Float32Array.from(whole.logits[0]!.at(-1)!);
      assertSameBits(prefill, expected, 'prefill');
      assert.equal(runner.cache.length, PROMPT.length);

      // The next step reads the cache the chunks left: it must be the one the whole run left.
      const next = argmax(prefill);
      const step = (await run(runner, [next]))!;
      const fileStep = Float32Array.from((await runDecoder(file, TINY, { ids: [[next]], past: whole.present })).logits[0]!.at(-1)!);
      assertSameBits(step, fileStep, 'the step after it');
    });
  });

  it("runs in chunks of the longest run it is given (a device's limit on WebGPU)", async () => {
    await withCountingRunner({ longestRun: SHORT_RUN }, async ({ runner, runs, file }) => {
      // 94 positions: three runs of 31 would leave one position for a run of its own, which looks
      // like a decode step; four of 23-24 do not.
      const prompt = PROMPT.slice(0, 94);
      const prefill = (await run(runner, prompt))!;
      assert.deepEqual(runs, [24, 23, 24, 23]);
      // Runs this short sum in another order than one of 94 positions on wasm: the last bits of most logits move.
      const whole = Float32Array.from((await runDecoder(file, TINY, { ids: [prompt] })).logits[0]!.at(-1)!);
      assert.equal(argmax(prefill), argmax(whole));
      assert.ok(prefill.every((value, i) => Math.abs(value - whole[i]!) < 1e-5));
    });
  });

  it('leaves the cache as it was before the call when a chunk fails', async () => {
    const session = await createSession(engineOrt, await tinyLlama(), 'wasm', 'tiny-llama');
    try {
      // Run 1 is the 5-token prompt below, runs 2-6 the long prompt's chunks: the second chunk fails.
      const failing = hooked(session, {
        before: (run) => {
          if (run === 3) throw new Error('Aborted(). Cannot enlarge memory arrays');
        },
      });
      const runner = new DecoderRunner(engineOrt, failing, createKvCache(engineOrt, SHAPE, session), 'wasm');
      const reference = new DecoderRunner(engineOrt, session, createKvCache(engineOrt, SHAPE, session), 'wasm');
      await run(runner, [3, 17, 42, 5, 99]);
      await run(reference, [3, 17, 42, 5, 99]);
      await assert.rejects(run(runner, PROMPT), /Cannot enlarge memory arrays/);
      assert.equal(runner.cache.length, 5);
      const [after, expected] = [await run(runner, [7, 8]), await run(reference, [7, 8])];
      assert.deepEqual(after, expected, 'the run after the failure reads the 5 positions before it, and only those');
    } finally {
      await session.release();
    }
  });

  it('stops between chunks when aborted, and keeps the chunks that ran', async () => {
    const session = await createSession(engineOrt, await tinyLlama(), 'wasm', 'tiny-llama');
    const controller = new AbortController();
    let runs = 0;
    const aborting = hooked(session, {
      after: (run) => {
        runs = run;
        if (run === 2) controller.abort();
      },
    });
    try {
      const runner = new DecoderRunner(engineOrt, aborting, createKvCache(engineOrt, SHAPE, session), 'wasm');
      assert.equal(await run(runner, PROMPT, controller.signal), undefined);
      assert.equal(runs, 2);
      assert.equal(runner.cache.length, 440);
      // The rest of the prompt on top of the two chunks gives what the whole prompt in one call gives.
      const rest = (await run(runner, PROMPT.slice(440)))!;
      const whole = (await run(new DecoderRunner(engineOrt, session, createKvCache(engineOrt, SHAPE, session), 'wasm'), PROMPT))!;
      assertSameBits(rest, whole, 'the rest of the prompt');
    } finally {
      await session.release();
    }
  });
});
