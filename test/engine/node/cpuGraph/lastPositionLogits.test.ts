import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import { createRandom } from '../../../../scripts/fixtures/random';
import { computeLastPositionLogitsOnly } from '../../../../webview/engine/runtime/cpuGraph/lastPositionLogits';
import { assertSameBits } from '../../../builders/assertSameBits';
import { linearModel, runLinearOnWasm } from '../../../builders/linearModels';

const { onnx } = onnxProto;

function sliced(bytes: Uint8Array): Uint8Array | undefined {
  const model = onnx.ModelProto.decode(bytes);
  return computeLastPositionLogitsOnly(model) ? onnx.ModelProto.encode(model).finish() : undefined;
}

describe('computing logits for the last position only', () => {
  for (const format of ['fp32', 'q4'] as const) {
    it(`gives the last position's logits bit for bit, and only those (${format})`, async () => {
      const [k, n, sequence] = [576, 4096, 9];
      const model = linearModel({ k, n, format, seed: 3, output: 'logits' });
      const x = createRandom(8).fillWithStd(new Float32Array(sequence * k), 1);
      const before = await runLinearOnWasm(model, x, k);
      const after = await runLinearOnWasm(sliced(model)!, x, k);
      assert.deepEqual(after.dims, [1, 1, n]);
      assertSameBits(after.values, before.values.subarray((sequence - 1) * n), 'the last logits');
    });
  }

  it('leaves a model without a logits output alone', () => {
    assert.equal(sliced(linearModel({ k: 8, n: 4, format: 'fp32', output: 'y' })), undefined);
  });

  it('leaves logits that do not come from a matrix product alone', () => {
    const model = onnx.ModelProto.decode(linearModel({ k: 8, n: 4, format: 'fp32', output: 'logits' }));
    // The rewrite looks through Identity and Cast only: any other op could mix positions.
    model.graph!.node![model.graph!.node!.length - 1]!.opType = 'Softmax';
    assert.equal(computeLastPositionLogitsOnly(model), false);
  });

  it('leaves logits alone when another node also reads the product', () => {
    const model = onnx.ModelProto.decode(linearModel({ k: 8, n: 4, format: 'fp32', output: 'logits' }));
    const product = model.graph!.node!.find((node) => node.opType === 'MatMul')!.output![0]!;
    model.graph!.node = [...model.graph!.node!, { opType: 'ArgMax', domain: '', input: [product], output: ['best'] }];
    model.graph!.output = [...model.graph!.output!, { name: 'best' }];
    assert.equal(computeLastPositionLogitsOnly(model), false);
  });
});
