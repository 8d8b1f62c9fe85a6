import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import { GraphBuilder } from '../../../../scripts/fixtures/onnx/graphBuilder';
import { addLinear } from '../../../../scripts/fixtures/onnx/linearLayer';
import type { Matrix } from '../../../../scripts/fixtures/onnx/matrix';
import { dequantizeQ4 as referenceDequantize, quantizeQ4 } from '../../../../scripts/fixtures/onnx/quantizeQ4';
import { createRandom } from '../../../../scripts/fixtures/random';
import type { Ort } from '../../../../webview/engine/api';
import { nodeOrt } from '../../../../webview/engine/adapters/node/nodeOrt';
import { EngineError } from '../../../../webview/engine/errors';
import { createSession } from '../../../../webview/engine/runtime/createSession';
import { dequantizeQ4 } from '../../../../webview/engine/runtime/wasmWeights/dequantizeQ4';
import { expandQuantizedMatMuls, type ExpandedModel } from '../../../../webview/engine/runtime/wasmWeights/expandQuantizedMatMuls';
import { differingFloatBits } from '../../../builders/floatBits';
import { fixtureModels } from '../../../support/fixtureModels';

const { onnx } = onnxProto;
const ort = nodeOrt();

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  return { rows, cols, data: createRandom(seed).fillWithStd(new Float32Array(rows * cols), 0.05) };
}

/** y = x @ W through one q4 linear layer, x: [1, sequence, K]. */
function q4LinearModel(k: number, n: number, seed: number): Uint8Array {
  const b = new GraphBuilder('q4_linear');
  const x = b.input('x', 'float32', [1, 'sequence', k]);
  b.output('y', 'float32', [1, 'sequence', n]);
  b.op('Identity', [addLinear(b, x, { name: 'proj', weight: randomMatrix(k, n, seed) }, 'q4')], {}, { outputs: ['y'] });
  return b.encode('test');
}

async function runModel(bytes: Uint8Array, x: Float32Array, k: number, expanded?: ExpandedModel): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(expanded?.bytes ?? bytes, {
    executionProviders: ['wasm'],
    logSeverityLevel: 3,
    externalData: expanded ? [expanded.externalData] : [],
  });
  try {
    const { y } = await session.run({ x: new ort.Tensor('float32', x, [1, x.length / k, k]) });
    return y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

async function tinyLlamaQ4(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model_q4.onnx')));
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

describe('expanding 4-bit MatMulNBits weights for WASM', () => {
  for (const [k, n] of [[64, 8], [72, 5], [40, 3]] as const) {
    it(`dequantizes a ${k}x${n} weight to the values MatMulNBits multiplies by`, () => {
      const q = quantizeQ4(randomMatrix(k, n, k + n), 'in-out');
      const values = dequantizeQ4({ k, n, blockSize: q.blockSize, packed: q.packed, scales: q.scales, zeroPoints: q.zeroPoints });
      for (let col = 0; col < n; col++) {
        for (let row = 0; row < k; row++) {
          assert.equal(values[col * k + row], Math.fround(referenceDequantize(q, row, col)), `W[${row}, ${col}]`);
        }
      }
    });
  }

  for (const { k, n, sequence } of [
    { k: 576, n: 1536, sequence: 1 },
    { k: 576, n: 1536, sequence: 7 },
    { k: 72, n: 20, sequence: 3 },
  ]) {
    it(`gives outputs bit-identical to MatMulNBits on wasm (K ${k}, N ${n}, ${sequence} rows)`, async () => {
      const model = q4LinearModel(k, n, 11);
      const expanded = expandQuantizedMatMuls(model);
      assert.ok(expanded, 'the model should have been expanded');
      const x = createRandom(5).fillWithStd(new Float32Array(sequence * k), 1);
      const { differing, firstDifference } = differingFloatBits(await runModel(model, x, k, expanded), await runModel(model, x, k));
      assert.equal(differing, 0, `first difference ${firstDifference}`);
    });
  }

  it('replaces every MatMulNBits and drops the quantized initializers', () => {
    const expanded = expandQuantizedMatMuls(q4LinearModel(64, 16, 3))!;
    assert.deepEqual(opTypes(expanded.bytes), ['FusedMatMul', 'Identity']);
    assert.equal(expanded.nodes, 1);
    assert.equal(expanded.weightBytes, 64 * 16 * 4);
    assert.equal(expanded.externalData.data.length, 64 * 16 * 4);
    const graph = onnx.ModelProto.decode(expanded.bytes).graph!;
    assert.deepEqual(graph.initializer!.map((t) => t.name), ['proj.weight_Q4_float32']);
  });

  it('leaves a model alone when its expanded weights would exceed the budget', () => {
    assert.equal(expandQuantizedMatMuls(q4LinearModel(64, 16, 3), 64 * 16 * 4 - 1), undefined);
  });

  it('leaves a model without MatMulNBits alone', () => {
    const b = new GraphBuilder('fp32_linear');
    const x = b.input('x', 'float32', [1, 'sequence', 8]);
    b.output('y', 'float32', [1, 'sequence', 4]);
    b.op('Identity', [addLinear(b, x, { name: 'proj', weight: randomMatrix(8, 4, 1) }, 'fp32')], {}, { outputs: ['y'] });
    assert.equal(expandQuantizedMatMuls(b.encode('test')), undefined);
  });

  it('keeps a MatMulNBits whose weight a feed could replace', () => {
    const model = onnx.ModelProto.decode(q4LinearModel(64, 16, 3));
    model.graph!.input = [...model.graph!.input!, { name: 'proj.weight_Q4' }];
    assert.equal(expandQuantizedMatMuls(onnx.ModelProto.encode(model).finish()), undefined);
  });

  it("gives the engine's WASM sessions of a q4 model the expanded graph, and its WebGPU sessions the file", async () => {
    const bytes = await tinyLlamaQ4();
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

  it('creates the session from the file as it is when the expanded one cannot be created', async () => {
    const bytes = await tinyLlamaQ4();
    const { ort: failingExpanded, created } = recordingOrt(new Error('Aborted(). Cannot enlarge memory arrays'));
    await createSession(failingExpanded, bytes, 'wasm', 'model_q4.onnx');
    assert.equal(created.length, 2);
    assert.equal(created[1]!.model, bytes);
  });

  it('leaves a file that is not ONNX to ORT, whose error the engine reports', async () => {
    const notOnnx = new TextEncoder().encode('<html>404 Not Found</html>'.repeat(40));
    await assert.rejects(createSession(ort, notOnnx, 'wasm', 'model_q4.onnx'), (error: unknown) => {
      assert.ok(error instanceof EngineError, String(error));
      assert.match(error.message, /model_q4\.onnx/);
      return true;
    });
  });
});
