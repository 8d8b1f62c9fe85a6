/**
 * The rotary embedding rewrite, checked on onnxruntime-web's wasm backend, which has the same
 * RotaryEmbedding operator as WebGPU: the same products and sums from the same cos and sin, so the
 * rewritten graph must give the file's outputs bit for bit. Two spellings of the rotation: the
 * fixtures' (cos and sin gathered from tables, halves by Split, heads made from rows) and the one
 * transformers' exports compute (cos and sin of Concat(freqs, freqs), halves by Slice).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import * as onnxProto from 'onnx-proto';
import { fuseRotaryEmbedding } from '../../../../webview/engine/runtime/webgpuGraph/fuseRotaryEmbedding';
import { DEFAULT_SEED } from '../../../../scripts/fixtures/generateFixtures';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { buildTinyLlama } from '../../../../scripts/fixtures/tinyLlama';
import { assertSameBits } from '../../../builders/assertSameBits';
import { fixtureModels } from '../../../support/fixtureModels';
import { runDecoder } from '../../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const encode = (model: onnxProto.onnx.IModelProto) => onnx.ModelProto.encode(model).finish();
const opTypes = (model: onnxProto.onnx.IModelProto) => model.graph!.node!.map((n) => n.opType);

async function tinyLlama(file: string): Promise<onnxProto.onnx.ModelProto> {
  return onnx.ModelProto.decode(new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', file))));
}

const HEADS = 3;
const HEAD_DIM = 8;
const LENGTH = 5;

/**
 * One rotation as transformers' Llama exports compute it: cos and sin of Concat(freqs, freqs) with
 * freqs = inv_freq x positions, scaled by attention_scaling, unsqueezed over heads; rotate_half by
 * Slices of the last axis.
 */
function computedRotation(): Uint8Array {
  const b = new GraphBuilder('rotation');
  const x = b.input('x', 'float32', [1, HEADS, 'sequence_length', HEAD_DIM]);
  const positions = b.input('position_ids', 'int64', [1, 'sequence_length']);
  const half = HEAD_DIM / 2;
  const invFreq = b.initializer('inv_freq', 'float32', [1, half, 1], Float32Array.from({ length: half }, (_, j) => 10000 ** ((-2 * j) / HEAD_DIM)));
  const asFloat = b.op('Cast', [b.op('Unsqueeze', [positions, b.constInt64([1])])], { to: 1 });
  const freqs = b.op('Transpose', [b.op('MatMul', [invFreq, asFloat])], { perm: [0, 2, 1] });
  const emb = b.op('Concat', [freqs, freqs], { axis: -1 });
  const scaled = (fn: 'Cos' | 'Sin') => b.op('Unsqueeze', [b.op('Mul', [b.op(fn, [emb]), b.constFloat([1], [])]), b.constInt64([1])]);
  const [cos, sin] = [scaled('Cos'), scaled('Sin')];
  const x1 = b.op('Slice', [x, b.constInt64([0]), b.constInt64([half]), b.constInt64([-1])]);
  const x2 = b.op('Slice', [x, b.constInt64([half]), b.constInt64([Number.MAX_SAFE_INTEGER]), b.constInt64([-1])]);
  const rotated = b.op('Concat', [b.op('Neg', [x2]), x1], { axis: -1 });
  b.op('Add', [b.op('Mul', [x, cos]), b.op('Mul', [rotated, sin])], {}, { outputs: ['y'] });
  b.output('y', 'float32', [1, HEADS, 'sequence_length', HEAD_DIM]);
  return b.encode('test');
}

async function runRotation(bytes: Uint8Array, firstPosition: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const x = Float32Array.from({ length: HEADS * LENGTH * HEAD_DIM }, (_, i) => Math.sin(i * 1.37) * 3);
    const positions = BigInt64Array.from({ length: LENGTH }, (_, i) => BigInt(firstPosition + i));
    const out = await session.run({
      x: new ort.Tensor('float32', x, [1, HEADS, LENGTH, HEAD_DIM]),
      position_ids: new ort.Tensor('int64', positions, [1, LENGTH]),
    });
    return out.y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('fuseRotaryEmbedding', () => {
  for (const file of ['model.onnx', 'model_q4.onnx']) {
    it(`runs the queries' and keys' rotations of every layer as RotaryEmbedding with the file's bits (tiny-llama ${file})`, async () => {
      const model = await tinyLlama(file);
      const bytes = encode(model);
      assert.equal(fuseRotaryEmbedding(model), 2 * TINY.num_hidden_layers);
      const ops = opTypes(model);
      assert.equal(ops.filter((op) => op === 'RotaryEmbedding').length, 2 * TINY.num_hidden_layers);
      for (const gone of ['Neg', 'Split']) assert.ok(!ops.includes(gone), `${gone} is left: ${ops.join(' ')}`);
      // The step's cos and sin rows are cut once, not once a layer.
      assert.equal(ops.filter((op) => op === 'Slice').length, 2);

      const asIs = await ort.InferenceSession.create(bytes);
      const fused = await ort.InferenceSession.create(encode(model));
      try {
        let expected: Awaited<ReturnType<typeof runDecoder>> | undefined;
        let actual: typeof expected;
        for (const ids of [[3, 17, 42, 5, 99, 250, 8], [7], [11, 2, 64]]) {
          expected = await runDecoder(asIs, TINY, { ids: [ids], past: expected?.present });
          actual = await runDecoder(fused, TINY, { ids: [ids], past: actual?.present });
          assertSameBits(Float32Array.from(actual.logits.flat(2)), Float32Array.from(expected.logits.flat(2)), `logits after ${ids.length} ids`);
          const key = 'present.1.key';
          assertSameBits(actual.present[key]!.data as Float32Array, expected.present[key]!.data as Float32Array, key);
        }
      } finally {
        await asIs.release();
        await fused.release();
      }
    });
  }

  it('matches the rotation as transformers exports it, and declares the com.microsoft opset it now uses', async () => {
    const bytes = computedRotation();
    const model = onnx.ModelProto.decode(bytes);
    model.opsetImport = model.opsetImport!.filter((o) => o.domain !== 'com.microsoft');
    assert.equal(fuseRotaryEmbedding(model), 1);
    assert.deepEqual(opTypes(model).filter((op) => ['Neg', 'Concat', 'RotaryEmbedding'].includes(op!)), ['Concat', 'RotaryEmbedding']);
    assert.ok(model.opsetImport!.some((o) => o.domain === 'com.microsoft'));
    for (const firstPosition of [0, 1000]) {
      assertSameBits(await runRotation(encode(model), firstPosition), await runRotation(bytes, firstPosition), `from position ${firstPosition}`);
    }
  });

  it('leaves a rotation alone where cos does not repeat its halves', async () => {
    const model = await tinyLlama('model.onnx');
    const table = model.graph!.initializer!.find((t) => t.name === 'model.rotary_emb.cos_cached')!;
    const values = new Float32Array(new Uint8Array(table.rawData!).slice().buffer);
    values[3 * TINY.head_dim + TINY.head_dim - 1] = 0.5;
    table.rawData = new Uint8Array(values.buffer);
    const before = encode(model);
    assert.equal(fuseRotaryEmbedding(model), 0);
    assert.deepEqual(encode(model), before);
  });

  it('leaves a rotation alone whose halves are not the two halves of the heads', async () => {
    const model = onnx.ModelProto.decode(computedRotation());
    const slice = model.graph!.node!.find((n) => n.opType === 'Slice')!;
    // x[..., 1:half] instead of x[..., :half]
    const starts = model.graph!.initializer!.find((t) => t.name === slice.input![1])!;
    starts.rawData = new Uint8Array(BigInt64Array.of(1n).buffer);
    assert.equal(fuseRotaryEmbedding(model), 0);
  });
});
