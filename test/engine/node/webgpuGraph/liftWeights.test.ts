/**
 * Weights made graph inputs (liftWeights.ts), checked on onnxruntime-web's wasm backend: the
 * graph fed them gives the file's logits bit for bit, through a prompt and a decode step; integer
 * and small initializers stay in the graph, and so do all but the 32 largest weights.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import * as onnxProto from 'onnx-proto';
import { elementCount } from '../../../../webview/engine/runtime/onnxGraph/initializerData';
import { liftWeights, type LiftedWeight } from '../../../../webview/engine/runtime/webgpuGraph/liftWeights';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { DEFAULT_SEED } from '../../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../../scripts/fixtures/tinyLlama';
import { fixtureModels } from '../../../support/fixtureModels';
import { runDecoder } from '../../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;

function tensorOf(weight: LiftedWeight): ort.Tensor {
  const { buffer, byteOffset, byteLength } = weight.data;
  const copy = buffer.slice(byteOffset, byteOffset + byteLength);
  const data = weight.type === 'float32' ? new Float32Array(copy) : weight.type === 'float16' ? new Uint16Array(copy) : new Uint8Array(copy);
  return new ort.Tensor(weight.type, data, weight.dims);
}

/** A session of the lifted graph that feeds it the weights, as sharedGpuWeights.ts does from GPU buffers. */
async function liftedSession(lifted: NonNullable<ReturnType<typeof liftWeights>>): Promise<ort.InferenceSession> {
  const session = await ort.InferenceSession.create(lifted.bytes);
  const weights = Object.fromEntries(lifted.weights.map((w) => [w.name, tensorOf(w)]));
  return { inputNames: session.inputNames, run: (feeds: Record<string, ort.Tensor>) => session.run({ ...feeds, ...weights }) } as unknown as ort.InferenceSession;
}

describe('weights made graph inputs', () => {
  for (const file of ['model.onnx', 'model_q4.onnx', 'model_fp16.onnx']) {
    it(`${file}: lifts the large float and 4-bit initializers, keeps the rest, and gives the file's logits`, async () => {
      const bytes = await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', file));
      const lifted = liftWeights(bytes)!;
      const graph = onnx.ModelProto.decode(lifted.bytes).graph!;
      const original = onnx.ModelProto.decode(bytes).graph!;
      assert.ok(lifted.weights.length > 0);
      const names = new Set(lifted.weights.map((w) => w.name));
      assert.deepEqual(
        graph.initializer!.map((t) => t.name),
        original.initializer!.filter((t) => !names.has(t.name!)).map((t) => t.name),
      );
      // What stays: every integer initializer, and floats too small to count as weights.
      for (const t of graph.initializer!) {
        const elements = elementCount(t);
        const weightType = [onnx.TensorProto.DataType.FLOAT, onnx.TensorProto.DataType.FLOAT16, onnx.TensorProto.DataType.UINT8].includes(t.dataType!);
        assert.ok(!weightType || elements < 1024, `${t.name} (${elements} elements) stayed`);
      }
      for (const weight of lifted.weights) {
        const input = graph.input!.find((i) => i.name === weight.name)!;
        assert.deepEqual(input.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue)), weight.dims);
        assert.equal(input.type!.tensorType!.elemType, original.initializer!.find((t) => t.name === weight.name)!.dataType);
      }
      // wasm has no float16 kernels for these graphs: the half-precision files run in the Dawn tests.
      if (file.includes('fp16')) return;

      const [fileSession, liftedOne] = [await ort.InferenceSession.create(bytes), await liftedSession(lifted)];
      const prompt = { ids: [[5, 17, 42, 8, 99]] };
      const [a, b] = [await runDecoder(fileSession, TINY, prompt), await runDecoder(liftedOne, TINY, prompt)];
      assert.deepEqual(b.logits, a.logits);
      const [c, d] = [await runDecoder(fileSession, TINY, { ids: [[7]], past: a.present }), await runDecoder(liftedOne, TINY, { ids: [[7]], past: b.present })];
      assert.deepEqual(d.logits, c.logits);
    });
  }

  it('leaves a graph without weights alone', async () => {
    const model = onnx.ModelProto.decode(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model.onnx')));
    model.graph!.initializer = model.graph!.initializer!.filter((t) => elementCount(t) < 1024);
    assert.equal(liftWeights(onnx.ModelProto.encode(model).finish()), undefined);
  });

  it('lifts the 32 largest weights of a graph that has more, and keeps the others', () => {
    // 40 weights of 1024 to 1063 floats (the graph is only lifted, not run).
    const b = new GraphBuilder('many');
    let y = b.input('x', 'float32', [1024]);
    for (let i = 0; i < 40; i++) y = b.op('Add', [y, b.initializer(`w${i}`, 'float32', [1024 + i], new Float32Array(1024 + i))]);
    b.output(y, 'float32', [1024]);
    const lifted = liftWeights(b.encode('test'))!;
    assert.deepEqual(
      lifted.weights.map((w) => w.name),
      Array.from({ length: 32 }, (_, i) => `w${39 - i}`),
    );
    assert.deepEqual(
      onnx.ModelProto.decode(lifted.bytes).graph!.initializer!.map((t) => t.name),
      Array.from({ length: 8 }, (_, i) => `w${i}`),
    );
  });
});
