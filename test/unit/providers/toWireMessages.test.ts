import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toWireMessages } from '../../../src/providers/localProvider';
import type { GenerationRequest } from '../../../src/providers/provider';

function aRequestWithImage(bytes: Uint8Array): GenerationRequest {
  return {
    messages: [{ role: 'user', content: [{ type: 'image', bytes, mimeType: 'image/png' }, { type: 'text', text: 'Describe it.' }] }],
    settings: { maxNewTokens: 8, temperature: 0, topP: 1, topK: 0 },
    purpose: 'draft',
  };
}

describe('toWireMessages', () => {
  it('turns a Node Buffer into plain bytes that survive JSON-style serialisation', () => {
    const [message] = toWireMessages(aRequestWithImage(Buffer.from([1, 2, 3])));
    const image = message!.content[0]!;
    assert.equal(image.type, 'image');
    assert.equal(image.type === 'image' && Object.getPrototypeOf(image.bytes), Uint8Array.prototype);
    assert.deepEqual(image.type === 'image' && [...image.bytes], [1, 2, 3]);
  });

  it('keeps text parts and roles as they are', () => {
    const [message] = toWireMessages(aRequestWithImage(new Uint8Array([9])));
    assert.equal(message!.role, 'user');
    assert.deepEqual(message!.content[1], { type: 'text', text: 'Describe it.' });
  });
});
