import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeConversation, encodeConversation } from '../../../src/chat/node/conversationCodec';
import { ConversationStore, type ChatStorage } from '../../../src/chat/node/conversationStore';
import { aConversation, aReply, aUserEntry } from '../../builders/chatConversations';

function memoryStorage(files = new Map<string, string>()): ChatStorage & { files: Map<string, string> } {
  return {
    files,
    list: async () => [...files.keys()],
    read: async (name) => {
      const text = files.get(name);
      if (text === undefined) throw new Error(`no ${name}`);
      return text;
    },
    write: async (name, text) => void files.set(name, text),
    delete: async (name) => void files.delete(name),
  };
}

const image = { id: 'img', name: 'red.png', mimeType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 0, 255]) };

describe('stored conversations', () => {
  it('round-trip through JSON with their image bytes intact', () => {
    const conversation = aConversation([aUserEntry('colour?', { images: [image] }), aReply('red')]);
    const decoded = decodeConversation(encodeConversation(conversation));
    assert.deepEqual(decoded, { ok: true, conversation });
  });

  it('a damaged file is reported with the reason, not half-used', () => {
    const cut = decodeConversation('{"id": 1');
    assert.equal(cut.ok, false);
    assert.match((cut as { reason: string }).reason, /^not JSON/);
    const wrong = decodeConversation(JSON.stringify({ id: 'x', title: 't', createdAt: 0, updatedAt: 0, entries: [{ id: 'e', role: 'robot' }] }));
    assert.equal(wrong.ok, false);
    assert.match((wrong as { reason: string }).reason, /conversation\.entries\[0\]\.role/);
  });

  it('are listed most recent first, and a new store on the same folder finds them (a window reload)', async () => {
    const storage = memoryStorage();
    const older = aConversation([aUserEntry('a'), aReply('b')], { title: 'Older', updatedAt: 1 });
    const newer = aConversation([aUserEntry('c'), aReply('d')], { title: 'Newer', updatedAt: 2 });
    const store = new ConversationStore(storage, () => undefined);
    await store.save(older);
    await store.save(newer);
    const reloaded = new ConversationStore(storage, () => undefined);
    assert.deepEqual((await reloaded.list()).map((s) => s.title), ['Newer', 'Older']);
    assert.deepEqual(await reloaded.load(older.id), older);
  });

  it('are found by words in the title or in any message', async () => {
    const store = new ConversationStore(memoryStorage(), () => undefined);
    await store.save(aConversation([aUserEntry('Draft the launch email'), aReply('Subject: We are live')], { title: 'Launch' }));
    await store.save(aConversation([aUserEntry('Fix this table'), aReply('| a |')], { title: 'Tables' }));
    assert.deepEqual((await store.list('launch')).map((s) => s.title), ['Launch']);
    assert.deepEqual((await store.list('WE ARE live')).map((s) => s.title), ['Launch']);
    assert.deepEqual((await store.list('table email')).map((s) => s.title), []);
  });

  it('an empty conversation is not stored', async () => {
    const storage = memoryStorage();
    await new ConversationStore(storage, () => undefined).save(aConversation([]));
    assert.equal(storage.files.size, 0);
  });

  it('can be renamed and deleted', async () => {
    const storage = memoryStorage();
    const store = new ConversationStore(storage, () => undefined);
    const conversation = aConversation([aUserEntry('a'), aReply('b')], { title: 'Old name' });
    await store.save(conversation);
    await store.rename(conversation.id, 'New name');
    assert.equal((await new ConversationStore(storage, () => undefined).load(conversation.id))?.title, 'New name');
    await store.delete(conversation.id);
    assert.equal(storage.files.size, 0);
    assert.deepEqual(await store.list(), []);
  });

  it('a file that cannot be read is skipped with a warning and left on disk', async () => {
    const storage = memoryStorage(new Map([['broken.json', 'not json']]));
    const warnings: string[] = [];
    const store = new ConversationStore(storage, (message) => warnings.push(message));
    assert.deepEqual(await store.list(), []);
    assert.match(warnings[0]!, /skipped broken\.json/);
    assert.ok(storage.files.has('broken.json'));
  });
});
