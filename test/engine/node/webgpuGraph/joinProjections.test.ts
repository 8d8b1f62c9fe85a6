/**
 * The 4-bit products of one input joined into one and a Split (joinProjections.ts): which are
 * joined, and that the joined graph gives the file's logits bit for bit, on onnxruntime-web's wasm
 * backend and on WebGPU (Dawn in Node over SwiftShader, as CI has it), through a prompt and a step.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-web';
import * as onnxProto from 'onnx-proto';
import { fuseRmsNorm } from '../../../../webview/engine/runtime/webgpuGraph/fuseRmsNorm';
import { joinProjections } from '../../../../webview/engine/runtime/webgpuGraph/joinProjections';
import { webgpuOrt } from '../../../../scripts/bench/node/webgpuOrt';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { DEFAULT_SEED } from '../../../../scripts/fixtures/generateFixtures';
import { buildTinyLlama } from '../../../../scripts/fixtures/tinyLlama';
import { fixtureModels } from '../../../support/fixtureModels';
import { runDecoder } from '../../../unit/fixtures/decoderSession';

const { onnx } = onnxProto;
const TINY = buildTinyLlama(DEFAULT_SEED, {}).config;
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

const opsOf = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!.node!.map((node) => node.opType!);
const count = (ops: string[], op: string) => ops.filter((o) => o === op).length;

function joined(bytes: Uint8Array, opsetVersion?: number): { bytes: Uint8Array; groups: number } {
  const model = onnx.ModelProto.decode(bytes);
  if (opsetVersion) model.opsetImport!.find((o) => !o.domain)!.version = opsetVersion;
  const groups = joinProjections(model);
  return { bytes: onnx.ModelProto.encode(model).finish(), groups };
}

/** The logits of a 5-token prompt, then of one step after it. */
async function promptAndStep(session: ort.InferenceSession): Promise<number[][][][]> {
  const prompt = await runDecoder(session, TINY, { ids: [[5, 17, 42, 8, 99]] });
  const step = await runDecoder(session, TINY, { ids: [[7]], past: prompt.present });
  return [prompt.logits, step.logits];
}

/** The file with its norms fused, as prepareForWebGpu has it before the join; without zero points when `symmetric`. */
function normsFused(file: Uint8Array, symmetric: boolean): Uint8Array {
  const model = onnx.ModelProto.decode(file);
  if (symmetric) for (const node of model.graph!.node!) if (node.opType === 'MatMulNBits') node.input = node.input!.slice(0, 3);
  fuseRmsNorm(model);
  return onnx.ModelProto.encode(model).finish();
}

/** Products of input `x` with `blockSizes.length` 4-bit weights of 4 columns each, every one an output. */
function products(blockSizes: number[]): Uint8Array {
  const b = new GraphBuilder('products');
  const x = b.input('x', 'float32', [1, 'S', 32]);
  blockSizes.forEach((blockSize, i) => {
    const blocks = 32 / blockSize;
    const weight = b.initializer(`w${i}`, 'uint8', [4, blocks, blockSize / 2], Uint8Array.from({ length: 4 * 16 }, (_, j) => (j * 37 + i) % 256));
    const scales = b.initializer(`s${i}`, 'float32', [4 * blocks], Float32Array.from({ length: 4 * blocks }, (_, j) => 0.01 * (j + 1)));
    b.node('MatMulNBits', [x, weight, scales], { K: 32, N: 4, bits: 4, block_size: blockSize }, { domain: 'com.microsoft', outputs: [`y${i}`] });
    b.output(`y${i}`, 'float32', [1, 'S', 4]);
  });
  return b.encode('test');
}

describe('4-bit products of one input joined', () => {
  it("joins each layer's query, key and value products, and gives the file's logits bit for bit on wasm", async () => {
    const file = await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model_q4.onnx'));
    const rewritten = joined(file);
    assert.equal(rewritten.groups, TINY.num_hidden_layers);
    const [before, after] = [opsOf(file), opsOf(rewritten.bytes)];
    assert.equal(count(after, 'MatMulNBits'), count(before, 'MatMulNBits') - 2 * TINY.num_hidden_layers);
    assert.equal(count(after, 'Split'), count(before, 'Split') + TINY.num_hidden_layers);
    const [fileSession, joinedSession] = [await ort.InferenceSession.create(file), await ort.InferenceSession.create(rewritten.bytes)];
    assert.deepEqual(await promptAndStep(joinedSession), await promptAndStep(fileSession));
  });

  it('leaves pairs alone, and products whose weights differ in layout', () => {
    assert.equal(joined(products([32, 32])).groups, 0, 'a pair would gain no kernel');
    assert.equal(joined(products([32, 32, 16])).groups, 0, 'block sizes differ');
    assert.equal(joined(products([16, 32, 16, 32, 16])).groups, 1, 'the three of one block size');
  });

  it('gives the Split its sizes as an attribute before opset 13', async () => {
    const graph = products([32, 32, 32]);
    const rewritten = joined(graph, 12);
    const split = onnx.ModelProto.decode(rewritten.bytes).graph!.node!.find((node) => node.opType === 'Split')!;
    assert.deepEqual(split.input, [split.input![0]]);
    assert.deepEqual(split.attribute!.find((a) => a.name === 'split')!.ints!.map(Number), [4, 4, 4]);
    const x = new ort.Tensor('float32', Float32Array.from({ length: 3 * 32 }, (_, i) => Math.sin(i)), [1, 3, 32]);
    const run = async (bytes: Uint8Array) => Object.values(await (await ort.InferenceSession.create(bytes)).run({ x })).map((t) => [...(t.data as Float32Array)]);
    assert.deepEqual(await run(rewritten.bytes), await run(graph));
  });

  it("leaves a norm's symmetric products of blocks of 32 to onnxruntime's own fusion, which computes them right on WebGPU", { skip: existsSync(SWIFTSHADER) ? false : `no ${SWIFTSHADER}: install Debian's chromium` }, async () => {
    const file = await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model_q4.onnx'));
    assert.equal(joined(normsFused(file, false)).groups, TINY.num_hidden_layers, 'with zero points: joined');
    const symmetric = normsFused(file, true);
    assert.equal(joined(symmetric).groups, 0, 'without: left to MatMulNBitsQkvFusion');
    process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    const gpuOrt = (await webgpuOrt()) as unknown as typeof ort;
    const onGpu = await promptAndStep(await gpuOrt.InferenceSession.create(symmetric, { executionProviders: ['webgpu'] }));
    const onWasm = await promptAndStep(await ort.InferenceSession.create(symmetric));
    const worst = Math.max(...onGpu.flat(3).map((value, i) => Math.abs(value - onWasm.flat(3)[i]!)));
    assert.ok(worst < 1e-3, `onnxruntime's fused products on WebGPU are ${worst} off wasm's unfused ones`);
  });

  it("gives the file's logits bit for bit on WebGPU (Dawn on SwiftShader)", { skip: existsSync(SWIFTSHADER) ? false : `no ${SWIFTSHADER}: install Debian's chromium` }, async () => {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    const gpuOrt = (await webgpuOrt()) as unknown as typeof ort;
    const file = await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model_q4.onnx'));
    const session = (bytes: Uint8Array) => gpuOrt.InferenceSession.create(bytes, { executionProviders: ['webgpu'] });
    const [fileSession, joinedSession] = [await session(file), await session(joined(file).bytes)];
    assert.deepEqual(await promptAndStep(joinedSession), await promptAndStep(fileSession));
  });
});
