import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import type { Ort } from '../../../../webview/engine/api';
import { nodeOrt } from '../../../../webview/engine/adapters/node/nodeOrt';
import { EngineError } from '../../../../webview/engine/errors';
import { createSession } from '../../../../webview/engine/runtime/createSession';
import { differingFloatBits } from '../../../builders/floatBits';
import { fixtureModels } from '../../../support/fixtureModels';

const { onnx } = onnxProto;
const ort = nodeOrt();

async function tinyLlama(dtype: 'fp32' | 'q4'): Promise<Uint8Array> {
  const file = dtype === 'q4' ? 'model_q4.onnx' : 'model.onnx';
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', file)));
}

interface CreateCall {
  model: Uint8Array;
  externalData?: unknown[];
}

/** An Ort that records each session it is asked for, and fails those with external data when given an error. */
function recordingOrt(externalDataError?: Error): { ort: Ort; created: CreateCall[] } {
  const created: CreateCall[] = [];
  const create = async (model: Uint8Array, options: { externalData?: unknown[] }) => {
    created.push({ model, externalData: options.externalData });
    if (externalDataError && options.externalData) throw externalDataError;
    return { release: async () => undefined };
  };
  return { ort: { ...ort, InferenceSession: { create } } as unknown as Ort, created };
}

function opTypes(bytes: Uint8Array): string[] {
  return onnx.ModelProto.decode(bytes).graph!.node!.map((node) => node.opType!);
}

/** A five-token prefill from an empty cache: every output, as float32. */
async function prefill(session: Awaited<ReturnType<typeof createSession>>): Promise<Record<string, Float32Array>> {
  const ids = [3n, 17n, 42n, 5n, 99n];
  const feeds: Record<string, InstanceType<Ort['Tensor']>> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [1, ids.length]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (_, i) => BigInt(i)), [1, ids.length]),
  };
  // tiny-llama's cache: 2 KV heads of 16 values.
  for (const name of session.inputNames.filter((n) => n.startsWith('past_key_values.'))) {
    feeds[name] = new ort.Tensor('float32', new Float32Array(0), [1, 2, 0, 16]);
  }
  const outputs = await session.run(feeds);
  return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, tensor.data as Float32Array]));
}

describe("the engine's WASM sessions", () => {
  for (const dtype of ['fp32', 'q4'] as const) {
    it(`give the file's last-position logits and cache bit for bit (tiny-llama ${dtype})`, async () => {
      const bytes = await tinyLlama(dtype);
      const rewritten = await createSession(ort, bytes, 'wasm', 'tiny-llama');
      const asIs = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      try {
        const after = await prefill(rewritten);
        const before = await prefill(asIs);
        const vocab = after.logits!.length;
        assert.ok(before.logits!.length > vocab, 'the file computes every position; the session only the last');
        const names = Object.keys(before);
        assert.deepEqual(Object.keys(after).sort(), names.sort());
        for (const name of names) {
          const expected = name === 'logits' ? before.logits!.subarray(before.logits!.length - vocab) : before[name]!;
          const { differing, firstDifference } = differingFloatBits(after[name]!, expected);
          assert.equal(differing, 0, `${name}: first difference ${firstDifference}`);
        }
      } finally {
        await rewritten.release();
        await asIs.release();
      }
    });
  }

  it('get the rewritten graph on WASM and the file on WebGPU', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: recording, created } = recordingOrt();
    await createSession(recording, bytes, 'wasm', 'model_q4.onnx');
    await createSession(recording, bytes, 'webgpu', 'model_q4.onnx');
    const [onWasm, onWebGpu] = created.map(({ model }) => opTypes(model));
    assert.ok(onWasm!.includes('FusedMatMul') && !onWasm!.includes('MatMulNBits'), onWasm!.join(' '));
    assert.equal(created[0]!.externalData?.length, 1);
    assert.equal(created[1]!.model, bytes);
    assert.equal(created[1]!.externalData, undefined);
    assert.ok(onWebGpu!.includes('MatMulNBits'));
  });

  it('fall back to the file as it is when the rewritten one cannot be created', async () => {
    const bytes = await tinyLlama('q4');
    const { ort: failingExpanded, created } = recordingOrt(new Error('Aborted(). Cannot enlarge memory arrays'));
    await createSession(failingExpanded, bytes, 'wasm', 'model_q4.onnx');
    assert.equal(created.length, 2);
    assert.equal(created[1]!.model, bytes);
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
