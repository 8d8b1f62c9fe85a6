/**
 * The CPU rewrites on onnxruntime-node, as the extension's native engine worker runs the model:
 * the rewritten decoder, run by the engine's own DecoderRunner with the cache it picks, must pick
 * the file's greedy tokens and give its logits within float tolerance, over a prefill, a run of
 * steps, a cut and a chunk on top. Not bit for bit, unlike on wasm: onnxruntime-node's native
 * kernels sum a 4-bit product of one row, and the broadcast attention product, in another order
 * than the file's (last bits, measured); the cache rewrite alone changes no bit.
 * This file loads onnxruntime-node only: with onnxruntime-web in the same process, sessions asked
 * of onnxruntime-node were measured running on wasm (docs/benchmarks.md).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nativeOrt } from '../../../webview/engine/adapters/node/nativeOrt';
import { argmax } from '../../../webview/engine/generation/sampler';
import { AppendingKvCache } from '../../../webview/engine/runtime/appendingKvCache';
import { createKvCache } from '../../../webview/engine/runtime/createKvCache';
import { createSession, type Session } from '../../../webview/engine/runtime/createSession';
import { DecoderRunner } from '../../../webview/engine/runtime/decoderRunner';
import { newRowsName } from '../../../webview/engine/runtime/kvCacheNames';
import { PresentKvCache } from '../../../webview/engine/runtime/presentKvCache';
import { DEFAULT_SEED } from '../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../scripts/fixtures/tinyLlama';
import { fixtureModels } from '../../support/fixtureModels';
import { lastLogitsOf } from '../../support/runnerLogits';

const ort = nativeOrt(1);
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const SHAPE = { numLayers: TINY.num_hidden_layers, numKeyValueHeads: TINY.num_key_value_heads, headDim: TINY.head_dim, dtype: 'float32' as const };

async function tinyLlama(dtype: 'fp32' | 'q4'): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', dtype === 'q4' ? 'model_q4.onnx' : 'model.onnx')));
}

function runnerFor(session: Session): DecoderRunner {
  return new DecoderRunner(ort, session, createKvCache(ort, SHAPE, session), 'cpu');
}

/** decoderSession.ts has one for number arrays, but that file loads onnxruntime-web. */
const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((max, value, i) => Math.max(max, Math.abs(value - b[i]!)), 0);

describe('the CPU rewrites on onnxruntime-node', () => {
  for (const dtype of ['fp32', 'q4'] as const) {
    it(`give the file's tokens and, within float tolerance, its logits through the engine's decoder runner (tiny-llama ${dtype})`, async () => {
      const bytes = await tinyLlama(dtype);
      const rewritten = await createSession(ort, bytes, 'cpu', 'tiny-llama');
      const asIs = await ort.InferenceSession.create(bytes);
      try {
        assert.ok(rewritten.outputNames.includes(newRowsName(0, 'key')), rewritten.outputNames.join(' '));
        const engine = runnerFor(rewritten);
        const file = runnerFor(asIs);
        assert.ok(engine.cache instanceof AppendingKvCache && file.cache instanceof PresentKvCache);
        let next = -1;
        const compare = async (ids: number[], what: string) => {
          const [actual, expected] = [await lastLogitsOf(ort, engine, ids), await lastLogitsOf(ort, file, ids)];
          assert.ok(maxAbsDiff(actual, expected) < 1e-4, `${what}: logits differ by ${maxAbsDiff(actual, expected)}`);
          next = argmax(actual);
          assert.equal(next, argmax(expected), `${what}: another token`);
        };
        await compare([3, 17, 42, 5, 99], 'prefill');
        for (let step = 0; step < 24; step++) await compare([next], `step ${step}`);
        await engine.cache.keepFirst(12);
        await file.cache.keepFirst(12);
        await compare([2, 64, 8, 31], 'a chunk after a cut to 12');
        await compare([next], 'a step after it');
        assert.equal(engine.cache.length, 17);
      } finally {
        await rewritten.release();
        await asIs.release();
      }
    });
  }
});
