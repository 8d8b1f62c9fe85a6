/**
 * The KV cache's settled part held in ORT's wasm heap (runtime/settledRows.ts), on onnxruntime-web
 * with our fix (scripts/ortResidentInputsPatch.ts) as the engine webview runs it without WebGPU:
 * the engine's decoder, its past settled in the heap and read where it is, gives the file's logits
 * bit for bit over a prefill that settles, steps, a cut into the settled part and a chunk after
 * it; and a run reads the held block itself, not a copy of the view it was given.
 * This file loads that build only (its own onnxruntime-common, no other ORT in the process).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { wasmOrt } from '../../../scripts/bench/node/fixedOrt';
import { DEFAULT_SEED } from '../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../scripts/fixtures/tinyLlama';
import type { Ort } from '../../../webview/engine/api';
import { argmax } from '../../../webview/engine/generation/sampler';
import { AppendingKvCache } from '../../../webview/engine/runtime/appendingKvCache';
import { createKvCache } from '../../../webview/engine/runtime/createKvCache';
import { createSession, type Session } from '../../../webview/engine/runtime/createSession';
import { DecoderRunner } from '../../../webview/engine/runtime/decoderRunner';
import { PresentKvCache } from '../../../webview/engine/runtime/presentKvCache';
import { residentHeapOf, type ResidentHeap } from '../../../webview/engine/runtime/settledRows';
import { fixtureModels } from '../../support/fixtureModels';
import { ortWithResidentHeap } from '../../support/ortWithResidentHeap';
import { lastLogitsOf } from '../../support/runnerLogits';

let ort: Ort;
let heap: ResidentHeap | undefined;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const SHAPE = { numLayers: TINY.num_hidden_layers, numKeyValueHeads: TINY.num_key_value_heads, headDim: TINY.head_dim, dtype: 'float32' as const };
/** More than the cache keeps recent (128), so the prefill settles at once. */
const PROMPT = Array.from({ length: 140 }, (_, i) => 3 + ((i * 37) % (TINY.vocab_size - 3)));

async function tinyLlama(dtype: 'fp32' | 'q4'): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', dtype === 'q4' ? 'model_q4.onnx' : 'model.onnx')));
}

/** `ort` for the cache, its heap's `hold` replaced (to watch or to tamper with what a run reads). */
function withHold(hold: ResidentHeap['hold']): Ort {
  return ortWithResidentHeap(ort, { ...heap!, hold });
}

function runnerFor(session: Session, cacheOrt: Ort = ort): DecoderRunner {
  return new DecoderRunner(ort, session, createKvCache(cacheOrt, SHAPE, session), 'cpu');
}

describe("the KV cache's settled part in ORT's heap", () => {
  before(async () => {
    ort = await wasmOrt();
    heap = residentHeapOf(ort);
  });

  it('is there: the fixed build puts the heap on env.wasm', () => {
    assert.equal(typeof heap?.allocate, 'function');
  });

  for (const dtype of ['fp32', 'q4'] as const) {
    it(`gives the file's logits bit for bit over a prefill that settles, steps, a cut and a chunk (tiny-llama ${dtype})`, async () => {
      const bytes = await tinyLlama(dtype);
      const rewritten = await createSession(ort, bytes, 'cpu', 'tiny-llama');
      const asIs = await ort.InferenceSession.create(bytes);
      const held: number[] = [];
      try {
        const engine = runnerFor(rewritten, withHold((view, pointer) => (held.push(pointer), heap!.hold(view, pointer))));
        const file = runnerFor(asIs);
        assert.ok(engine.cache instanceof AppendingKvCache && file.cache instanceof PresentKvCache);
        let next = -1;
        const compare = async (ids: number[], what: string) => {
          const [actual, expected] = [await lastLogitsOf(ort, engine, ids), await lastLogitsOf(ort, file, ids)];
          assert.deepEqual(actual, expected, what);
          next = argmax(actual);
        };
        await compare(PROMPT, 'prefill');
        for (let step = 0; step < 8; step++) await compare([next], `step ${step}`);
        assert.equal(held.length, 8 * 2 * SHAPE.numLayers, 'each step read every settled past in place');
        await engine.cache.keepFirst(60);
        await file.cache.keepFirst(60);
        await compare([2, 64, 8, 31], 'a chunk after a cut to 60');
        await compare([next], 'a step after it');
      } finally {
        await rewritten.release();
        await asIs.release();
      }
    });
  }

  it('is read by a run where it is: holding another block for its view changes the logits', async () => {
    const session = await createSession(ort, await tinyLlama('fp32'), 'cpu', 'tiny-llama');
    const zeroBlocks: number[] = [];
    try {
      const zeroed = (bytes: number) => {
        const pointer = heap!.allocate(bytes);
        new Uint8Array(heap!.memory(), pointer, bytes).fill(0);
        zeroBlocks.push(pointer);
        return pointer;
      };
      const honest = runnerFor(session);
      const swapped = runnerFor(session, withHold((view) => heap!.hold(view, zeroed(view.byteLength))));
      assert.deepEqual(await lastLogitsOf(ort, swapped, PROMPT), await lastLogitsOf(ort, honest, PROMPT), 'the prefill reads no settled part');
      const [honestStep, swappedStep] = [await lastLogitsOf(ort, honest, [5]), await lastLogitsOf(ort, swapped, [5])];
      assert.ok(zeroBlocks.length > 0);
      assert.notDeepEqual(swappedStep, honestStep);
      honest.cache.dispose();
      swapped.cache.dispose();
    } finally {
      for (const pointer of zeroBlocks) heap!.free(pointer);
      await session.release();
    }
  });
});
