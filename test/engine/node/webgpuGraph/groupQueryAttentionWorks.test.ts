import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ort } from '../../../../webview/engine/api';
import { nodeOrt } from '../../../../webview/engine/adapters/node/nodeOrt';
import { groupQueryAttentionWorks } from '../../../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';

const ort = nodeOrt();
const SMOLLM2 = { numHeads: 9, kvHeads: 3, headDim: 64 };

/** ORT with every session's `output` shifted by `offset` in its element `at`. */
function skewedOrt(offset: number, at: number): Ort {
  const create = async (...args: Parameters<Ort['InferenceSession']['create']>) => {
    const session = await ort.InferenceSession.create(...args);
    const run = session.run.bind(session);
    return Object.assign(session, {
      run: async (feeds: Parameters<typeof run>[0]) => {
        const outputs = await run(feeds);
        (outputs.output!.data as Float32Array)[at]! += offset;
        return outputs;
      },
    });
  };
  return { ...ort, InferenceSession: { create } } as unknown as Ort;
}

describe('groupQueryAttentionWorks', () => {
  it("accepts onnxruntime's operator on wasm, at SmolLM2's head shape and without grouping", async () => {
    assert.equal(await groupQueryAttentionWorks(ort, 'wasm', SMOLLM2), true);
    assert.equal(await groupQueryAttentionWorks(ort, 'wasm', { numHeads: 2, kvHeads: 2, headDim: 8 }), true);
  });

  it('refuses an operator that is wrong in one value', async () => {
    assert.equal(await groupQueryAttentionWorks(skewedOrt(0.01, 1000), 'wasm', SMOLLM2), false);
  });

  it('refuses a backend that cannot run the operator', async () => {
    const refusing = { ...ort, InferenceSession: { create: async () => Promise.reject(new Error('no kernel')) } } as unknown as Ort;
    assert.equal(await groupQueryAttentionWorks(refusing, 'wasm', SMOLLM2), false);
  });
});
