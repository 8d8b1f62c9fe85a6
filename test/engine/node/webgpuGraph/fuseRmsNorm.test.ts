/**
 * The RMSNorm rewrite, checked on onnxruntime-web's wasm backend, which has the same (Skip)
 * SimplifiedLayerNormalization operators as WebGPU: the rewritten decoder must give the file's
 * logits within float tolerance (the mean is summed in the operator's own order) and the same
 * next tokens; the spellings transformers' exports use are matched too, and lookalikes are not.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import * as onnxProto from 'onnx-proto';
import { fuseRmsNorm } from '../../../../webview/engine/runtime/webgpuGraph/fuseRmsNorm';
import { DEFAULT_SEED } from '../../../../scripts/fixtures/generateFixtures';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { buildTinyLlama } from '../../../../scripts/fixtures/tinyLlama';
import { fixtureModels } from '../../../support/fixtureModels';
import { argmax, maxAbsDiff, runDecoder } from '../../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const encode = (model: onnxProto.onnx.IModelProto) => onnx.ModelProto.encode(model).finish();
const opTypes = (graph: onnxProto.onnx.IGraphProto) => graph.node!.map((n) => n.opType!);
const WIDTH = 48;

/** RMSNorm as transformers' Llama exports spell it: x * rsqrt(mean(x^2) + eps), then weight * that. */
function exportedRmsNorm(options: { inverse: 'Reciprocal' | 'Div'; meanAxis?: number; biased?: boolean; centered?: boolean }): Uint8Array {
  const b = new GraphBuilder('rmsnorm');
  const input = b.input('x', 'float32', [1, 'sequence_length', WIDTH]);
  const biased = options.biased ? b.op('Add', [input, b.constFloat(Array.from({ length: WIDTH }, (_, i) => i / 10))]) : input;
  // A LayerNorm as older exports spell it out: the same tail, on x minus its mean.
  const x = options.centered ? b.op('Sub', [biased, b.op('ReduceMean', [biased], { axes: [-1], keepdims: 1 })]) : biased;
  const mean = b.op('ReduceMean', [b.op('Pow', [x, b.constFloat([2], [])])], { axes: [options.meanAxis ?? -1], keepdims: 1 });
  const rms = b.op('Sqrt', [b.op('Add', [mean, b.constFloat([1e-6], [])])]);
  const inverse = options.inverse === 'Reciprocal' ? b.op('Reciprocal', [rms]) : b.op('Div', [b.constFloat([1], []), rms]);
  const weight = b.initializer('weight', 'float32', [WIDTH], Float32Array.from({ length: WIDTH }, (_, i) => 0.5 + i / WIDTH));
  b.op('Mul', [weight, b.op('Mul', [x, inverse])], {}, { outputs: ['y'] });
  b.output('y', 'float32', [1, 'sequence_length', WIDTH]);
  return b.encode('test');
}

async function runNorm(bytes: Uint8Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const x = Float32Array.from({ length: 3 * WIDTH }, (_, i) => Math.sin(i * 0.71) * (1 + (i % 7)));
    return (await session.run({ x: new ort.Tensor('float32', x, [1, 3, WIDTH]) })).y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('fuseRmsNorm', () => {
  for (const file of ['model.onnx', 'model_q4.onnx']) {
    it(`runs every RMSNorm as one SimplifiedLayerNormalization with the file's choices (tiny-llama ${file})`, async () => {
      const model = onnx.ModelProto.decode(new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', file))));
      const bytes = encode(model);
      const adds = opTypes(model.graph!).filter((op) => op === 'Add').length;
      // Two a layer and the final one; all but the first norm the embeddings read a residual sum.
      assert.equal(fuseRmsNorm(model), 2 * TINY.num_hidden_layers + 1);
      const ops = opTypes(model.graph!);
      for (const gone of ['ReduceMean', 'Sqrt', 'Div']) assert.ok(!ops.includes(gone), `${gone} is left: ${ops.join(' ')}`);
      const count = (op: string) => ops.filter((o) => o === op).length;
      assert.equal(count('SimplifiedLayerNormalization'), 1);
      assert.equal(count('SkipSimplifiedLayerNormalization'), 2 * TINY.num_hidden_layers);
      // Each norm's own Add of eps and each residual sum it took over.
      assert.equal(count('Add'), adds - (2 * TINY.num_hidden_layers + 1) - 2 * TINY.num_hidden_layers);

      const asIs = await ort.InferenceSession.create(bytes);
      const fused = await ort.InferenceSession.create(encode(model));
      try {
        let expected: Awaited<ReturnType<typeof runDecoder>> | undefined;
        let actual: typeof expected;
        for (const ids of [[3, 17, 42, 5, 99], [7], [11, 2, 64]]) {
          expected = await runDecoder(asIs, TINY, { ids: [ids], past: expected?.present });
          actual = await runDecoder(fused, TINY, { ids: [ids], past: actual?.present });
          const [want, got] = [expected.logits[0]!.at(-1)!, actual.logits[0]!.at(-1)!];
          assert.ok(maxAbsDiff(got, want) < 1e-4, `logits differ by ${maxAbsDiff(got, want)}`);
          assert.equal(argmax(got), argmax(want));
        }
      } finally {
        await asIs.release();
        await fused.release();
      }
    });
  }

  for (const inverse of ['Reciprocal', 'Div'] as const) {
    it(`matches the exports' spelling: Pow, the root inverted by ${inverse}, the weight first`, async () => {
      const bytes = exportedRmsNorm({ inverse });
      const model = onnx.ModelProto.decode(bytes);
      assert.equal(fuseRmsNorm(model), 1);
      assert.deepEqual(opTypes(model.graph!), ['SimplifiedLayerNormalization']);
      const [got, want] = [await runNorm(encode(model)), await runNorm(bytes)];
      assert.ok(maxAbsDiff(Array.from(got), Array.from(want)) < 1e-5, `differ by ${maxAbsDiff(Array.from(got), Array.from(want))}`);
    });
  }

  it('keeps the Add of a constant bias before a norm: the norm alone is fused, not as a residual sum', async () => {
    const bytes = exportedRmsNorm({ inverse: 'Reciprocal', biased: true });
    const model = onnx.ModelProto.decode(bytes);
    assert.equal(fuseRmsNorm(model), 1);
    assert.deepEqual(opTypes(model.graph!), ['Add', 'SimplifiedLayerNormalization']);
    const [got, want] = [await runNorm(encode(model)), await runNorm(bytes)];
    assert.ok(maxAbsDiff(Array.from(got), Array.from(want)) < 1e-5);
  });

  it('leaves a LayerNorm spelled out alone: its tail squares x minus its mean', async () => {
    const model = onnx.ModelProto.decode(exportedRmsNorm({ inverse: 'Reciprocal', centered: true }));
    assert.equal(fuseRmsNorm(model), 0);
  });

  it('leaves a norm over another axis alone', async () => {
    const model = onnx.ModelProto.decode(exportedRmsNorm({ inverse: 'Reciprocal', meanAxis: 1 }));
    const before = encode(model);
    assert.equal(fuseRmsNorm(model), 0);
    assert.deepEqual(encode(model), before);
  });
});
