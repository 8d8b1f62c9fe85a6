import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChatToHost, validateHostToChat } from '../../../webview/chat/protocol/validateChatMessage';
import { aConversation, aReply, aUserEntry } from '../../builders/chatConversations';

function reasonOf(result: { ok: boolean; reason?: string }): string {
  assert.equal(result.ok, false, 'expected the message to be rejected');
  return result.reason!;
}

describe('messages from the chat view to the host', () => {
  it('accepts a send with image bytes and attached context', () => {
    const message = {
      type: 'send',
      text: 'What colour?',
      images: [{ id: 'i', name: 'red.png', mimeType: 'image/png', bytes: new Uint8Array([1]) }],
      attachments: [{ id: 'a', kind: 'selection', label: 'a.md:1', path: 'a.md', languageId: 'markdown', text: 'x', startLine: 1, endLine: 1 }],
    };
    assert.deepEqual(validateChatToHost(message), { ok: true, message });
  });

  it('accepts the messages without a payload', () => {
    for (const type of ['ready', 'stop', 'newChat', 'pickFiles', 'pickImages', 'checkImageSupport']) {
      assert.equal(validateChatToHost({ type }).ok, true, type);
    }
  });

  it('rejects image bytes sent as a plain array, naming the field', () => {
    const reason = reasonOf(validateChatToHost({ type: 'send', text: '', attachments: [], images: [{ id: 'i', name: 'n', mimeType: 'image/png', bytes: [1, 2] }] }));
    assert.match(reason, /^message\.images\[0\]\.bytes: expected a Uint8Array/);
  });

  it('rejects an unknown code action and an unknown message type', () => {
    assert.match(reasonOf(validateChatToHost({ type: 'codeAction', action: 'run', code: '', languageId: '' })), /message\.action: expected one of copy, insert, replace, newDocument/);
    assert.match(reasonOf(validateChatToHost({ type: 'runShell' })), /^message\.type: expected one of ready, send/);
  });
});

describe('messages from the host to the chat view', () => {
  it('accepts a whole conversation', () => {
    const message = { type: 'conversation', conversation: aConversation([aUserEntry('q'), aReply('a')]), generating: false };
    assert.deepEqual(validateHostToChat(message), { ok: true, message });
  });

  it('accepts a failed reply whose error offers a fix', () => {
    const entry = aReply('', { status: 'failed', error: { code: 'images-not-supported', message: 'no', fix: { kind: 'useModel', model: 'demo:colour-vlm', label: 'Switch' } } });
    assert.equal(validateHostToChat({ type: 'replyEnded', entry }).ok, true);
  });

  it('rejects a reply with an unknown status', () => {
    assert.match(reasonOf(validateHostToChat({ type: 'replyEnded', entry: aReply('x', { status: 'thinking' as never }) })), /message\.entry\.status: expected one of streaming, done, stopped, failed/);
  });
});
