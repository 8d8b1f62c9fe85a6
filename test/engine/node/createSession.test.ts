import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import type { Ort } from '../../../webview/engine/api';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { EngineError } from '../../../webview/engine/errors';
import { createDecoderSessions, createSession } from '../../../webview/engine/runtime/createSession';
import { newRowsName } from '../../../webview/engine/runtime/kvCacheNames';
import { DEFAULT_SEED } from '../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../scripts/fixtures/tinyLlama';
import { assertSameBits } from '../../builders/assertSameBits';
import { fixtureModels } from '../../support/fixtureModels';
import { positionsOf, runDecoder, type DecoderStep } from '../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const ort = nodeOrt();

async function tinyLlama(dtype: 'fp32' | 'q4' | 'q4f16'): Promise<Uint8Array> {
  const file = dtype === 'fp32' ? 'model.onnx' : `model_${dtype}.onnx`;
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', file)));
}

interface CreateCall {
  model: Uint8Array;
  externalData?: unknown[];
}

/**
 * An Ort that records each session it is asked for and, given an error, fails those with external
 * data (or, with `failFirst`, the first that many whatever they hold). The check of
 * GroupQueryAttention that comes before a WebGPU rewrite runs for real, on wasm, unrecorded.
 */
function recordingOrt(error?: Error, options: { failFirst?: number; attentionWrong?: boolean } = {}): { ort: Ort; created: CreateCall[] } {
  const created: CreateCall[] = [];
  const create = async (model: Uint8Array, sessionOptions: { externalData?: unknown[] }) => {
    if (onnx.ModelProto.decode(model).graph?.name === 'group_query_attention_check') {
      const session = await ort.InferenceSession.create(model);
      // A kernel that gets one value wrong, as GroupQueryAttention's did on some GPUs.
      const original = session.run.bind(session);
      const run: typeof session.run = async (feeds) => {
        const outputs = await original(feeds);
        if (options.attentionWrong) (outputs.output!.data as Float32Array)[0]! += 1;
        return outputs;
      };
      return Object.assign(session, { run });
    }
    created.push({ model, externalData: sessionOptions.externalData });
    const fails = options.failFirst ? created.length <= options.failFirst : !!sessionOptions.externalData?.length;
    if (error && fails) throw error;
    return { release: async () => undefined };
  };
  return { ort: { ...ort, InferenceSession: { create } } as unknown as Ort, created };
}

function opTypes(bytes: Uint8Array): string[] {
  return onnx.ModelProto.decode(bytes).graph!.node!.map((node) => node.opType!);
}

const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
describe("the engine's sessions (createSession)", () => {
  for (const dtype of ['fp32', 'q4'] as const) {
    it(`give on WASM the file's last-position logits and new cache rows bit for bit (tiny-llama ${dtype})`, async () => {
      const bytes = await tinyLlama(dtype);
      const rewritten = await createSession(ort, bytes, 'wasm', 'tiny-llama');
      const asIs = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      try {
        // A five-token prefill, then a one-token step on the file's cache: both sessions read the
        // same past, the rewritten one in two parts (three positions, then two).
        const runs: DecoderStep[] = [{ ids: [[3, 17, 42, 5, 99]] }];
        const before = [await runDecoder(asIs, TINY, runs[0]!)];
        runs.push({ ids: [[7]], past: before[0]!.present, recentRows: 2 });
        before.push(await runDecoder(asIs, TINY, runs[1]!));
        for (const [i, step] of runs.entries()) {
          const after = await runDecoder(rewritten, TINY, step);
          const added = step.ids![0]!.length;
          assert.equal(after.logits[0]!.length, 1, 'the session computes the last position only');
          assert.equal(before[i]!.logits[0]!.length, added, 'the file computes every position');
          assertSameBits(Float32Array.from(after.logits[0]![0]!), Float32Array.from(before[i]!.logits[0]!.at(-1)!), `run ${i} logits`);
          const presents = Object.keys(before[i]!.present);
          assert.deepEqual(Object.keys(after.present).sort(), presents.map((name) => `${name}.new_rows`).sort());
          for (const name of presents) {
            const rows = after.present[`${name}.new_rows`]!.data as Float32Array;
            const present = before[i]!.present[name]!;
            const length = present.dims[2]!;
            assertSameBits(rows, positionsOf(present, length - added, length).data as Float32Array, `run ${i} ${name}`);
          }
        }
      } finally {
        await rewritten.release();
        await asIs.release();
      }
    });
  }

  it('get the rewritten graph on WASM and the GroupQueryAttention one on WebGPU', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: recording, created } = recordingOrt();
    await createSession(recording, bytes, 'wasm', 'model_q4.onnx');
    await createSession(recording, bytes, 'webgpu', 'model_q4.onnx');
    const [onWasm, onWebGpu] = created.map(({ model }) => opTypes(model));
    assert.ok(onWasm!.includes('FusedMatMul') && !onWasm!.includes('MatMulNBits'), onWasm!.join(' '));
    assert.equal(created[0]!.externalData?.length, 1);
    assert.equal(created[1]!.externalData, undefined);
    for (const op of ['MatMulNBits', 'GroupQueryAttention', 'RotaryEmbedding', 'SkipSimplifiedLayerNormalization']) assert.ok(onWebGpu!.includes(op), onWebGpu!.join(' '));
  });

  it('make no session for replayed decode steps where the device cannot replay a captured step (no GPU in Node)', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: recording, created } = recordingOrt();
    const { decoder, replayedStep } = await createDecoderSessions(recording, bytes, 'webgpu', 'model_q4.onnx', []);
    assert.ok(decoder);
    assert.equal(replayedStep, undefined);
    assert.equal(created.length, 1);
    assert.ok(opTypes(created[0]!.model).includes('GroupQueryAttention'));
  });

  it('make no session for replayed decode steps on the CPU runtimes', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: recording, created } = recordingOrt();
    const { replayedStep } = await createDecoderSessions(recording, bytes, 'wasm', 'model_q4.onnx', []);
    assert.equal(replayedStep, undefined);
    assert.equal(created.length, 1);
  });

  it('get on onnxruntime-node the rewritten graph with its 4-bit weights kept, which its kernels read packed', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: recording, created } = recordingOrt();
    await createSession(recording, bytes, 'cpu', 'model_q4.onnx');
    assert.equal(created.length, 1);
    assert.equal(created[0]!.externalData, undefined);
    const ops = opTypes(created[0]!.model);
    assert.ok(ops.includes('MatMulNBits') && !ops.includes('FusedMatMul') && !ops.includes('Expand'), ops.join(' '));
    assert.ok(onnx.ModelProto.decode(created[0]!.model).graph!.output!.some((o) => o.name === newRowsName(0, 'key')));
  });

  it("keep the file's attention on WebGPU where GroupQueryAttention computes wrong, with the rotary embedding fused", async () => {
    const bytes = await tinyLlama('q4');
    const { ort: wrong, created } = recordingOrt(undefined, { attentionWrong: true });
    await createSession(wrong, bytes, 'webgpu', 'model_q4.onnx');
    assert.equal(created.length, 1);
    const ops = opTypes(created[0]!.model);
    assert.ok(ops.includes('RotaryEmbedding') && ops.includes('Softmax') && !ops.includes('GroupQueryAttention'), ops.join(' '));
  });

  it('fall back on WebGPU from GroupQueryAttention to the rotary embedding alone, then to the file, as the backend refuses each', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: failing, created } = recordingOrt(new Error('no such kernel'), { failFirst: 2 });
    await createSession(failing, bytes, 'webgpu', 'model_q4.onnx');
    assert.equal(created.length, 3);
    const [fused, rotaryOnly] = created.map(({ model }) => opTypes(model));
    assert.ok(fused!.includes('GroupQueryAttention') && fused!.includes('RotaryEmbedding'), fused!.join(' '));
    assert.ok(!rotaryOnly!.includes('GroupQueryAttention') && rotaryOnly!.includes('RotaryEmbedding'), rotaryOnly!.join(' '));
    assert.equal(created[2]!.model, bytes);
  });

  it('rewrite a float16 graph on WebGPU as a float32 one, its attention over a float16 cache', async () => {
    const { ort: recording, created } = recordingOrt();
    await createSession(recording, await tinyLlama('q4f16'), 'webgpu', 'model_q4f16.onnx');
    assert.equal(created.length, 1);
    const ops = opTypes(created[0]!.model);
    for (const op of ['GroupQueryAttention', 'RotaryEmbedding', 'SkipSimplifiedLayerNormalization']) assert.ok(ops.includes(op), ops.join(' '));
    const pastKey = onnx.ModelProto.decode(created[0]!.model).graph!.input!.find((i) => i.name === 'past_key_values.0.key');
    assert.equal(pastKey!.type!.tensorType!.elemType, onnx.TensorProto.DataType.FLOAT16);
  });

  it('fall back to the graph with its 4-bit weights left to ORT when the expanded one cannot be created', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: failingExpanded, created } = recordingOrt(new Error('Aborted(). Cannot enlarge memory arrays'));
    await createSession(failingExpanded, bytes, 'wasm', 'model_q4.onnx');
    assert.equal(created.length, 2);
    const fallback = onnx.ModelProto.decode(created[1]!.model);
    assert.equal(created[1]!.externalData, undefined);
    assert.ok(opTypes(created[1]!.model).includes('MatMulNBits'));
    assert.ok(!opTypes(created[1]!.model).includes('Expand'), 'the other rewrites stay');
    assert.ok(fallback.graph!.output!.some((o) => o.name === newRowsName(0, 'key')));
  });

  it('fall back to the file as it is when no rewritten graph can be created', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: failing, created } = recordingOrt(new Error('Aborted(). Cannot enlarge memory arrays'), { failFirst: 2 });
    await createSession(failing, bytes, 'wasm', 'model_q4.onnx');
    assert.equal(created.length, 3);
    assert.equal(created[2]!.model, bytes);
  });

  it('leave a file that is not ONNX to ORT, whose error the engine reports', async () => {
    const notOnnx = new TextEncoder().encode('<html>404 Not Found</html>'.repeat(40));
    await assert.rejects(createSession(ort, notOnnx, 'wasm', 'model_q4.onnx'), (error: unknown) => {
      assert.ok(error instanceof EngineError, String(error));
      assert.match(error.message, /model_q4\.onnx/);
      return true;
    });
  });
});
