import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import { repeatKv } from '../../../../scripts/fixtures/llama/llamaDecoderGraph';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { createRandom } from '../../../../scripts/fixtures/random';
import { nodeOrt } from '../../../../webview/engine/adapters/node/nodeOrt';
import { broadcastRepeatedKv } from '../../../../webview/engine/runtime/cpuGraph/broadcastRepeatedKv';
import { assertSameBits } from '../../../builders/assertSameBits';

const { onnx } = onnxProto;
const ort = nodeOrt();

/** SmolLM2-135M's attention shape: 9 query heads reading 3 kv heads of 64. */
const CONFIG = { num_attention_heads: 9, num_key_value_heads: 3, head_dim: 64 };

/** softmax(q · repeat(key)ᵀ) · repeat(value), repeated as the fixture decoder (and transformers) does. */
function attentionModel(): Uint8Array {
  const b = new GraphBuilder('attention');
  const { num_attention_heads: heads, num_key_value_heads: kvHeads, head_dim: headDim } = CONFIG;
  const q = b.input('q', 'float32', [1, heads, 'sequence', headDim]);
  const key = b.input('key', 'float32', [1, kvHeads, 'total', headDim]);
  const value = b.input('value', 'float32', [1, kvHeads, 'total', headDim]);
  b.output('context', 'float32', [1, heads, 'sequence', headDim]);
  const scores = b.op('MatMul', [q, b.op('Transpose', [repeatKv(b, key, CONFIG)], { perm: [0, 1, 3, 2] })]);
  const probs = b.op('Softmax', [scores], { axis: -1 });
  b.op('MatMul', [probs, repeatKv(b, value, CONFIG)], {}, { outputs: ['context'] });
  return b.encode('test');
}

function rewritten(bytes: Uint8Array): Uint8Array | undefined {
  const model = onnx.ModelProto.decode(bytes);
  return broadcastRepeatedKv(model) ? onnx.ModelProto.encode(model).finish() : undefined;
}

async function context(bytes: Uint8Array, sequence: number, total: number): Promise<Float32Array> {
  const { num_attention_heads: heads, num_key_value_heads: kvHeads, head_dim: headDim } = CONFIG;
  const random = createRandom(sequence * 7919 + total);
  const tensor = (dims: number[]) => new ort.Tensor('float32', random.fillWithStd(new Float32Array(dims.reduce((a, b) => a * b)), 1), dims);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const feeds = { q: tensor([1, heads, sequence, headDim]), key: tensor([1, kvHeads, total, headDim]), value: tensor([1, kvHeads, total, headDim]) };
    return (await session.run(feeds)).context!.data as Float32Array;
  } finally {
    await session.release();
  }
}

const opTypes = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType);

describe('broadcasting the repeated kv heads', () => {
  // 1100 positions: past the length where grouping the query heads into one product ([kv, 3L, d])
  // instead of broadcasting starts to change bits.
  for (const [sequence, total] of [[1, 40], [1, 1100], [7, 1100], [5, 5]]) {
    it(`gives every head's attention bit for bit (${sequence} queries over ${total} positions)`, async () => {
      const model = attentionModel();
      const expected = await context(model, sequence, total);
      const actual = await context(rewritten(model)!, sequence, total);
      assertSameBits(actual, expected, 'the attention');
    });
  }

  it('drops the repeats and the nodes only they read', () => {
    const ops = opTypes(rewritten(attentionModel())!);
    assert.ok(!ops.includes('Expand'), ops.join(' '));
    assert.equal(ops.filter((op) => op === 'Unsqueeze').length, 2, 'each cache keeps its size-1 axis');
  });

  it('leaves a repeat whose Unsqueeze adds another axis alone', () => {
    const model = onnx.ModelProto.decode(attentionModel());
    model.graph!.initializer!.push({ name: 'axis_1', dataType: onnx.TensorProto.DataType.INT64, dims: [1], rawData: new Uint8Array(BigInt64Array.of(1n).buffer) });
    for (const unsqueeze of model.graph!.node!.filter((n) => n.opType === 'Unsqueeze')) unsqueeze.input![1] = 'axis_1';
    assert.equal(broadcastRepeatedKv(model), false);
  });

  it('leaves an Expand that also broadcasts another axis alone', () => {
    const model = onnx.ModelProto.decode(attentionModel());
    for (const expand of model.graph!.node!.filter((n) => n.opType === 'Expand')) {
      model.graph!.initializer!.find((t) => t.name === expand.input![1])!.rawData = new Uint8Array(BigInt64Array.of(2n, 1n, 3n, 1n, 1n).buffer);
    }
    assert.equal(broadcastRepeatedKv(model), false);
  });

  it('leaves a model without grouped-query attention alone', () => {
    const b = new GraphBuilder('plain');
    const x = b.input('x', 'float32', [1, 2, 3, 4]);
    b.output('y', 'float32', [1, 2, 3, 3]);
    b.op('MatMul', [x, b.op('Transpose', [x], { perm: [0, 1, 3, 2] })], {}, { outputs: ['y'] });
    assert.equal(rewritten(b.encode('test')), undefined);
  });
});
