import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChatPrompt, describeAttachment, fenceFor } from '../../../src/chat/common/buildChatPrompt';
import type { ContextAttachment } from '../../../webview/chat/protocol/chatProtocol';
import { aReply, aUserEntry } from '../../builders/chatConversations';

const selection: ContextAttachment = {
  id: 's',
  kind: 'selection',
  label: 'notes.md:3-4',
  path: 'docs/notes.md',
  languageId: 'markdown',
  text: 'The opening line.\nThe second line.',
  startLine: 3,
  endLine: 4,
};

describe('the chat prompt', () => {
  it('has every turn in order, as user and assistant messages', () => {
    const prompt = buildChatPrompt([aUserEntry('hi'), aReply('hello'), aUserEntry('how are you?')]);
    assert.deepEqual(prompt, [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'how are you?' }] },
    ]);
  });

  it('leaves out failed replies but keeps stopped ones the user saw', () => {
    const prompt = buildChatPrompt([aUserEntry('a'), aReply('', { status: 'failed' }), aUserEntry('b'), aReply('partial', { status: 'stopped' }), aUserEntry('c')]);
    assert.deepEqual(prompt.map((m) => m.role), ['user', 'user', 'assistant', 'user']);
    assert.deepEqual(prompt[2]!.content, [{ type: 'text', text: 'partial' }]);
  });

  it('puts a message images before its text', () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    const [message] = buildChatPrompt([aUserEntry('What colour is this?', { images: [{ id: 'i', name: 'red.png', mimeType: 'image/png', bytes }] })]);
    assert.deepEqual(message!.content, [
      { type: 'image', bytes, mimeType: 'image/png' },
      { type: 'text', text: 'What colour is this?' },
    ]);
  });

  it('puts attached context ahead of the question, named by path and lines, in a fence', () => {
    const [message] = buildChatPrompt([aUserEntry('Make this punchier.', { attachments: [selection] })]);
    assert.deepEqual(message!.content, [
      { type: 'text', text: 'Selected text from `docs/notes.md` (lines 3-4):\n```markdown\nThe opening line.\nThe second line.\n```\n\nMake this punchier.' },
    ]);
  });

  it('says when an attachment was cut short', () => {
    assert.match(describeAttachment({ ...selection, kind: 'file', startLine: undefined, truncated: true }), /^File `docs\/notes.md`:\n[\s\S]*\(The text was cut short to fit.\)$/);
  });

  it('fences attached text with more backticks than it contains', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('has ```` four'), '`````');
  });
});
