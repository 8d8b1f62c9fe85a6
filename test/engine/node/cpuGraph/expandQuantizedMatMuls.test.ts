import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import { randomMatrix } from '../../../../scripts/fixtures/onnx/matrix';
import { dequantizeQ4 as referenceDequantize, quantizeQ4 } from '../../../../scripts/fixtures/onnx/quantizeQ4';
import { createRandom } from '../../../../scripts/fixtures/random';
import { dequantizeQ4 } from '../../../../webview/engine/runtime/cpuGraph/dequantizeQ4';
import { expandQuantizedMatMuls } from '../../../../webview/engine/runtime/cpuGraph/expandQuantizedMatMuls';
import { assertSameBits } from '../../../builders/assertSameBits';
import { linearModel, runLinearOnWasm } from '../../../builders/linearModels';

const { onnx } = onnxProto;

function expand(bytes: Uint8Array, budget?: number) {
  const model = onnx.ModelProto.decode(bytes);
  const expanded = expandQuantizedMatMuls(model, budget);
  return expanded && { ...expanded, model, bytes: onnx.ModelProto.encode(model).finish() };
}

describe('expanding 4-bit MatMulNBits weights for WASM', () => {
  for (const [k, n] of [[64, 8], [72, 5], [40, 3], [37, 2]] as const) {
    it(`dequantizes a ${k}x${n} weight to the values MatMulNBits multiplies by`, () => {
      const q = quantizeQ4(randomMatrix(createRandom(k + n), k, n, 0.05), 'in-out');
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
    { k: 37, n: 6, sequence: 2 },
  ]) {
    it(`gives outputs bit-identical to MatMulNBits on wasm (K ${k}, N ${n}, ${sequence} rows)`, async () => {
      const model = linearModel({ k, n, format: 'q4', seed: 11 });
      const expanded = expand(model);
      assert.ok(expanded, 'the model should have been expanded');
      const x = createRandom(5).fillWithStd(new Float32Array(sequence * k), 1);
      const after = await runLinearOnWasm(expanded.bytes, x, k, expanded.externalData);
      const before = await runLinearOnWasm(model, x, k);
      assertSameBits(after.values, before.values, 'the outputs');
    });
  }

  it('replaces every MatMulNBits and drops the quantized initializers', () => {
    const expanded = expand(linearModel({ k: 64, n: 16, format: 'q4' }))!;
    assert.deepEqual(expanded.model.graph!.node!.map((node) => node.opType), ['FusedMatMul', 'Identity']);
    assert.equal(expanded.nodes, 1);
    assert.equal(expanded.weightBytes, 64 * 16 * 4);
    assert.equal(expanded.externalData.data.length, 64 * 16 * 4);
    assert.deepEqual(expanded.model.graph!.initializer!.map((t) => t.name), ['proj.weight_Q4_float32']);
  });

  it('leaves a model alone when its expanded weights would exceed the budget', () => {
    assert.equal(expand(linearModel({ k: 64, n: 16, format: 'q4' }), 64 * 16 * 4 - 1), undefined);
  });

  it('leaves a model without MatMulNBits alone', () => {
    assert.equal(expand(linearModel({ k: 8, n: 4, format: 'fp32' })), undefined);
  });

  it('keeps a MatMulNBits whose weight a feed could replace', () => {
    const model = onnx.ModelProto.decode(linearModel({ k: 64, n: 16, format: 'q4' }));
    model.graph!.input = [...model.graph!.input!, { name: 'proj.weight_Q4' }];
    assert.equal(expand(onnx.ModelProto.encode(model).finish()), undefined);
  });
});
