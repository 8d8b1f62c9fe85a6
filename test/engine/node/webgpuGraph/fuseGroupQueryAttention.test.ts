/**
 * The GroupQueryAttention rewrite, checked on onnxruntime-web's wasm backend, which has the same
 * operator: the rewritten decoder, fed a cache of fixed capacity the way the engine feeds it on
 * WebGPU, must give the file's logits (within float tolerance: the sums run in another order) and
 * the same next tokens, over a prefill, a decode step and a multi-token chunk on top of the cache.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import * as onnxProto from 'onnx-proto';
import { pastName, presentName, SEQLENS_K, TOTAL_SEQUENCE_LENGTH } from '../../../../webview/engine/runtime/kvCacheNames';
import { planGroupQueryAttention } from '../../../../webview/engine/runtime/webgpuGraph/fuseGroupQueryAttention';
import { fuseRotaryEmbedding } from '../../../../webview/engine/runtime/webgpuGraph/fuseRotaryEmbedding';
import { DEFAULT_SEED } from '../../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../../scripts/fixtures/tinyLlama';
import { buildTinySmolvlm } from '../../../../scripts/fixtures/tinySmolvlm';
import { fixtureModels } from '../../../support/fixtureModels';
import { argmax, maxAbsDiff, runDecoder, type DecoderResult } from '../../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const CAPACITY = 16;

/** The decoders rewritten: the LLM's (token ids in) and the VLM's (embeddings in), same head shape. */
const DECODERS = {
  'tiny-llama': { file: 'model', input: 'input_ids' },
  'tiny-smolvlm': { file: 'decoder_model_merged', input: 'inputs_embeds' },
} as const;
type DecoderName = keyof typeof DECODERS;

async function decoder(name: DecoderName, dtype: 'fp32' | 'q4'): Promise<onnxProto.onnx.ModelProto> {
  const file = `${DECODERS[name].file}${dtype === 'q4' ? '_q4' : ''}.onnx`;
  return onnx.ModelProto.decode(new Uint8Array(await readFile(join(await fixtureModels(), name, 'onnx', file))));
}

const tinyLlama = (dtype: 'fp32' | 'q4') => decoder('tiny-llama', dtype);

/** Plans and applies the rewrite, as prepareForWebGpu does once the device accepts the shape. */
function fuseGroupQueryAttention(model: onnxProto.onnx.IModelProto) {
  const plan = planGroupQueryAttention(model);
  plan?.apply();
  return plan?.shape;
}

/** Seeded embeddings for `ids`, [1][S][hidden]. */
function embeddings(ids: number[]): number[][][] {
  const hidden = buildTinySmolvlm(DEFAULT_SEED, {}).text.hidden_size;
  return [ids.map((id) => Array.from({ length: hidden }, (_, i) => Math.sin(id * 7.1 + i * 0.37)))];
}

const encode = (model: onnxProto.onnx.IModelProto) => onnx.ModelProto.encode(model).finish();

/** Runs the rewritten decoder on `ids` (or their embeddings) after `past` positions held in `cache` ([1, kv, CAPACITY, d] each). */
async function runFused(session: ort.InferenceSession, input: 'input_ids' | 'inputs_embeds', ids: number[], past: number, cache: Record<string, ort.Tensor>) {
  const feeds: Record<string, ort.Tensor> = {
    [input]:
      input === 'input_ids'
        ? new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length])
        : new ort.Tensor('float32', Float32Array.from(embeddings(ids).flat(2)), [1, ids.length, TINY.hidden_size]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map((_, i) => BigInt(past + i))), [1, ids.length]),
    [SEQLENS_K]: new ort.Tensor('int32', Int32Array.of(past + ids.length - 1), [1]),
    [TOTAL_SEQUENCE_LENGTH]: new ort.Tensor('int32', Int32Array.of(past + ids.length), []),
  };
  for (let layer = 0; layer < TINY.num_hidden_layers; layer++) {
    for (const kind of ['key', 'value'] as const) feeds[pastName(layer, kind)] = cache[presentName(layer, kind)]!;
  }
  const out = await session.run(feeds);
  const [, positions, vocab] = out.logits!.dims as number[];
  const logits = (out.logits!.data as Float32Array).subarray((positions! - 1) * vocab!);
  return { logits: Array.from(logits), cache: Object.fromEntries(Object.entries(out).filter(([name]) => name.startsWith('present.'))) };
}

function emptyCache(): Record<string, ort.Tensor> {
  const dims = [1, TINY.num_key_value_heads, CAPACITY, TINY.head_dim];
  const cache: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < TINY.num_hidden_layers; layer++) {
    for (const kind of ['key', 'value'] as const) cache[presentName(layer, kind)] = new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b)), dims);
  }
  return cache;
}

/** Rewrites `model` and checks the result against the file it was, over a prefill, a step and a chunk. */
async function assertFusedMatchesFile(model: onnxProto.onnx.ModelProto, input: 'input_ids' | 'inputs_embeds' = 'input_ids'): Promise<void> {
  const file = encode(model);
  assert.deepEqual(fuseGroupQueryAttention(model), {
    numHeads: TINY.num_attention_heads,
    kvHeads: TINY.num_key_value_heads,
    headDim: TINY.head_dim,
    dtype: 'float32',
  });
  const ops = model.graph!.node!.map((n) => n.opType);
  assert.equal(ops.filter((op) => op === 'GroupQueryAttention').length, TINY.num_hidden_layers);
  for (const gone of ['Softmax', 'Expand', 'Where', 'Range', 'Cast']) assert.ok(!ops.includes(gone), `${gone} is left: ${ops.join(' ')}`);
  const inputs = model.graph!.input!.map((i) => i.name);
  assert.ok(!inputs.includes('attention_mask'), 'the mask is no longer read');
  assert.ok(inputs.includes(SEQLENS_K) && inputs.includes(TOTAL_SEQUENCE_LENGTH));

  const asIs = await ort.InferenceSession.create(file);
  const fused = await ort.InferenceSession.create(encode(model));
  try {
    let cache = emptyCache();
    let reference: DecoderResult | undefined;
    let past = 0;
    for (const ids of [[3, 17, 42, 5, 99], [7], [11, 2, 64]]) {
      const step = input === 'input_ids' ? { ids: [ids] } : { embeds: embeddings(ids) };
      reference = await runDecoder(asIs, TINY, { ...step, past: reference?.present });
      const run = await runFused(fused, input, ids, past, cache);
      const expected = reference.logits[0]!.at(-1)!;
      assert.ok(maxAbsDiff(run.logits, expected) < 1e-4, `after ${past}: ${maxAbsDiff(run.logits, expected)}`);
      assert.equal(argmax(run.logits), argmax(expected));
      assert.deepEqual(run.cache[presentName(0, 'key')]!.dims, [1, TINY.num_key_value_heads, CAPACITY, TINY.head_dim]);
      cache = run.cache;
      past += ids.length;
    }
  } finally {
    await asIs.release();
    await fused.release();
  }
}

/**
 * The fixture's attention made to look like a torch export's: the result's Reshape takes a shape
 * computed from the input (`reshape(*input_shape, -1)`) instead of a constant, and the softmax runs
 * between Casts to float32 (`softmax(..., dtype=torch.float32).to(query.dtype)`).
 */
function asTransformersExportsIt(graph: onnxProto.onnx.IGraphProto): void {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const int64 = (name: string, values: number[]) => {
    graph.initializer!.push({ name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer) });
    return name;
  };
  const cast = (input: string, output: string) => ({ opType: 'Cast', domain: '', input: [input], output: [output], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }] });
  let reshapes = 0;
  for (const node of graph.node!) {
    if (node.opType === 'Softmax') {
      const [input, output] = [node.input![0]!, node.output![0]!];
      nodes.push(cast(input, `${input}_as_float`));
      nodes.push({ ...node, input: [`${input}_as_float`], output: [`${output}_float`] });
      nodes.push(cast(`${output}_float`, output));
      continue;
    }
    const transpose = graph.node!.find((n) => n.output![0] === node.input?.[0]);
    if (node.opType === 'Reshape' && transpose?.opType === 'Transpose' && transpose.attribute![0]!.ints!.join() === '0,2,1,3' && graph.node!.find((n) => n.output![0] === transpose.input![0])?.opType === 'MatMul') {
      const id = reshapes++;
      // [batch, length] from the token ids, as exports take it from the layer's input.
      nodes.push({ opType: 'Shape', domain: '', input: ['input_ids'], output: [`batch_and_length_${id}`] });
      nodes.push({ opType: 'Concat', domain: '', input: [`batch_and_length_${id}`, int64(`rest_${id}`, [-1])], output: [`computed_shape_${id}`], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] });
      nodes.push({ ...node, input: [node.input![0]!, `computed_shape_${id}`] });
      continue;
    }
    nodes.push(node);
  }
  assert.equal(reshapes, TINY.num_hidden_layers, 'every layer has its result reshaped');
  graph.node = nodes;
}

describe('the GroupQueryAttention rewrite', () => {
  for (const name of Object.keys(DECODERS) as DecoderName[]) {
    for (const dtype of ['fp32', 'q4'] as const) {
      it(`runs every layer's attention as one GroupQueryAttention with the file's logits (${name} ${dtype})`, async () => {
        await assertFusedMatchesFile(await decoder(name, dtype), DECODERS[name].input);
      });
    }
  }

  it('matches the attention as transformers exports it: its result reshaped by a computed shape, Casts around the softmax', async () => {
    const model = await tinyLlama('q4');
    asTransformersExportsIt(model.graph!);
    await assertFusedMatchesFile(model);
  });

  it('reads the rotated rows when the rotary embedding was fused first, with no Transpose left', async () => {
    const model = await tinyLlama('q4');
    assert.equal(fuseRotaryEmbedding(model), 2 * TINY.num_hidden_layers);
    await assertFusedMatchesFile(model);
    const ops = model.graph!.node!.map((n) => n.opType);
    assert.ok(!ops.includes('Transpose'), ops.join(' '));
    assert.ok(!model.graph!.initializer!.some((t) => t.name?.startsWith('inkwell_gqa')), 'an initializer nothing reads is left');
  });

  it('declares the com.microsoft opset of its new nodes in a file without any', async () => {
    const model = await tinyLlama('fp32');
    model.opsetImport = model.opsetImport!.filter((o) => o.domain !== 'com.microsoft');
    assert.ok(fuseGroupQueryAttention(model));
    assert.deepEqual(model.opsetImport.find((o) => o.domain === 'com.microsoft')?.version, 1);
  });

  it('changes nothing by planning: the model is only rewritten when the plan is applied', async () => {
    const model = await tinyLlama('q4');
    const before = encode(model);
    const plan = planGroupQueryAttention(model);
    assert.deepEqual(plan?.shape, { numHeads: TINY.num_attention_heads, kvHeads: TINY.num_key_value_heads, headDim: TINY.head_dim, dtype: 'float32' });
    assert.deepEqual(encode(model), before);
    plan!.apply();
    assert.ok(model.graph!.node!.some((n) => n.opType === 'GroupQueryAttention'));
  });

  it('leaves the graph alone when one layer does not match', async () => {
    const model = await tinyLlama('fp32');
    const softmax = model.graph!.node!.filter((n) => n.opType === 'Softmax').at(-1)!;
    softmax.attribute = [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 2 }];
    const before = encode(model);
    assert.equal(fuseGroupQueryAttention(model), undefined);
    assert.deepEqual(encode(model), before);
  });

  it('leaves the graph alone when the attention weights are read elsewhere too', async () => {
    const model = await tinyLlama('fp32');
    const softmax = model.graph!.node!.find((n) => n.opType === 'Softmax')!;
    model.graph!.output!.push({ name: softmax.output![0], type: model.graph!.output![0]!.type });
    model.graph!.node!.push({ opType: 'Identity', domain: '', input: [softmax.output![0]!], output: ['attention_weights'] });
    const before = encode(model);
    assert.equal(fuseGroupQueryAttention(model), undefined);
    assert.deepEqual(encode(model), before);
  });

  it('leaves a graph without a cache alone', async () => {
    const model = await tinyLlama('fp32');
    model.graph!.output = model.graph!.output!.filter((o) => !o.name!.startsWith('present.'));
    assert.equal(fuseGroupQueryAttention(model), undefined);
  });
});
