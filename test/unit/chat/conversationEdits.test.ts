import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendExchange, appendReplyText, deleteEntry, editAndResend, newConversation, pendingReply, regenerate, titleFrom } from '../../../src/chat/common/conversationEdits';
import { aConversation, aReply, aUserEntry } from '../../builders/chatConversations';

const NOW = 1_800_000_000_000;

function twoExchanges() {
  const entries = [aUserEntry('first question'), aReply('first answer'), aUserEntry('second question'), aReply('second answer')];
  return { conversation: aConversation(entries, { title: '' }), entries };
}

describe('conversation edits', () => {
  it('appending an exchange adds the message and a pending reply at the end, and names a new conversation after the message', () => {
    const user = aUserEntry('How do I open an essay?');
    const reply = pendingReply('demo:tiny-llama');
    const { conversation, from } = appendExchange(newConversation(1), user, reply, NOW);
    assert.equal(from, 0);
    assert.deepEqual(conversation.entries, [user, reply]);
    assert.equal(conversation.title, 'How do I open an essay?');
    assert.equal(conversation.updatedAt, NOW);
    assert.equal(reply.status, 'streaming');
  });

  it('appending keeps a title the conversation already has', () => {
    const { conversation } = appendExchange(aConversation([], { title: 'Renamed' }), aUserEntry('x'), pendingReply('m'), NOW);
    assert.equal(conversation.title, 'Renamed');
  });

  it('regenerating a reply drops it and everything after it, and puts a pending reply in its place', () => {
    const { conversation, entries } = twoExchanges();
    const fresh = pendingReply('m');
    const edited = regenerate(conversation, entries[1]!.id, fresh, NOW)!;
    assert.equal(edited.from, 1);
    assert.deepEqual(edited.conversation.entries, [entries[0], fresh]);
  });

  it('regenerating is refused for a user message or an unknown id', () => {
    const { conversation, entries } = twoExchanges();
    assert.equal(regenerate(conversation, entries[0]!.id, pendingReply('m'), NOW), undefined);
    assert.equal(regenerate(conversation, 'nope', pendingReply('m'), NOW), undefined);
  });

  it('editing a message replaces its text, drops everything after it, and adds a pending reply', () => {
    const { conversation, entries } = twoExchanges();
    const fresh = pendingReply('m');
    const edited = editAndResend(conversation, entries[0]!.id, 'first question, reworded', fresh, NOW)!;
    assert.equal(edited.from, 0);
    assert.deepEqual(edited.conversation.entries, [{ ...entries[0], text: 'first question, reworded' }, fresh]);
  });

  it('editing keeps the message images and attachments', () => {
    const user = aUserEntry('what colour?', { images: [{ id: 'i', name: 'red.png', mimeType: 'image/png', bytes: new Uint8Array([1]) }] });
    const edited = editAndResend(aConversation([user, aReply('red')]), user.id, 'which colour?', pendingReply('m'), NOW)!;
    assert.deepEqual(edited.conversation.entries[0], { ...user, text: 'which colour?' });
  });

  it('deleting a user message also deletes the reply that answers it', () => {
    const { conversation, entries } = twoExchanges();
    const edited = deleteEntry(conversation, entries[0]!.id, NOW)!;
    assert.equal(edited.from, 0);
    assert.deepEqual(edited.conversation.entries, [entries[2], entries[3]]);
  });

  it('deleting a reply deletes only the reply', () => {
    const { conversation, entries } = twoExchanges();
    assert.deepEqual(deleteEntry(conversation, entries[1]!.id, NOW)!.conversation.entries, [entries[0], entries[2], entries[3]]);
  });

  it('a streaming reply keeps the text that has arrived, for a view shown again mid-stream', () => {
    const reply = pendingReply('m');
    const conversation = aConversation([aUserEntry('q'), reply]);
    const grown = appendReplyText(appendReplyText(conversation, reply.id, 'Hel'), reply.id, 'lo');
    assert.equal(grown.entries[1]!.text, 'Hello');
    assert.equal(conversation.entries[1]!.text, '');
  });

  it('a title is the first message on one line, cut at a word boundary when long', () => {
    assert.equal(titleFrom(aUserEntry('  Two\nlines  ')), 'Two lines');
    const long = titleFrom(aUserEntry('word '.repeat(30)));
    assert.ok(long.length <= 61 && long.endsWith('word…'), long);
  });

  it('a message with only an image is titled after the image', () => {
    assert.equal(titleFrom(aUserEntry('', { images: [{ id: 'i', name: 'photo.jpg', mimeType: 'image/jpeg', bytes: new Uint8Array() }] })), 'Image: photo.jpg');
  });
});
