import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ort } from '../../../../webview/engine/api';
import { nodeOrt } from '../../../../webview/engine/adapters/node/nodeOrt';
import { longestRightRun, SHORT_RUN } from '../../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';

const ort = nodeOrt();
const SMOLLM2 = { numHeads: 9, kvHeads: 3, headDim: 64, dtype: 'float32' } as const;

/** ORT with the `output` of every run of at least `fromPositions` positions shifted by `offset` in its element `at`. */
function skewedOrt(offset: number, at: number, fromPositions = 1): Ort {
  const create = async (...args: Parameters<Ort['InferenceSession']['create']>) => {
    const session = await ort.InferenceSession.create(...args);
    const run = session.run.bind(session);
    return Object.assign(session, {
      run: async (feeds: Parameters<typeof run>[0]) => {
        const outputs = await run(feeds);
        if (feeds.query!.dims[1]! >= fromPositions) (outputs.output!.data as Float32Array)[at]! += offset;
        return outputs;
      },
    });
  };
  return { ...ort, InferenceSession: { create } } as unknown as Ort;
}

describe('longestRightRun (GroupQueryAttention checked on the device)', () => {
  it("accepts onnxruntime's operator on wasm at any length, at SmolLM2's head shape and without grouping", async () => {
    assert.equal(await longestRightRun(ort, 'wasm', SMOLLM2), Infinity);
    assert.equal(await longestRightRun(ort, 'wasm', { numHeads: 2, kvHeads: 2, headDim: 8, dtype: 'float32' }), Infinity);
  });

  it("accepts onnxruntime's operator on wasm in float16 too, the check's inputs and its tolerance float16's", async () => {
    assert.equal(await longestRightRun(ort, 'wasm', { ...SMOLLM2, dtype: 'float16' }), Infinity);
  });

  it('limits runs to SHORT_RUN positions where only runs of 32 or more are wrong, as on SwiftShader', async () => {
    assert.equal(await longestRightRun(skewedOrt(0.01, 5, 32), 'wasm', SMOLLM2), SHORT_RUN);
  });

  it('refuses an operator that is wrong in one value on short runs too', async () => {
    assert.equal(await longestRightRun(skewedOrt(0.01, 1000), 'wasm', SMOLLM2), 0);
    assert.equal(await longestRightRun(skewedOrt(0.01, 5, 2), 'wasm', SMOLLM2), 0);
  });

  it('refuses a backend that cannot run the operator', async () => {
    const refusing = { ...ort, InferenceSession: { create: async () => Promise.reject(new Error('no kernel')) } } as unknown as Ort;
    assert.equal(await longestRightRun(refusing, 'wasm', SMOLLM2), 0);
  });
});
