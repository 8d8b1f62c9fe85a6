import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationToMarkdown } from '../../../src/chat/common/conversationMarkdown';
import { aConversation, aReply, aUserEntry } from '../../builders/chatConversations';

describe('a conversation exported to Markdown', () => {
  it('has the title, the date, and a heading per turn with the reply as the model wrote it', () => {
    const conversation = aConversation([aUserEntry('Give me a list'), aReply('- one\n- two', { model: 'demo:tiny-llama' })], { title: 'Lists' });
    assert.equal(
      conversationToMarkdown(conversation, new Date('2026-03-04T10:00:00Z')),
      '# Lists\n\n_Exported from Inkwell on 2026-03-04._\n\n## You\n\nGive me a list\n\n## Inkwell (demo:tiny-llama)\n\n- one\n- two\n',
    );
  });

  it('lists attached context and images by name, and says when a reply stopped or failed', () => {
    const user = aUserEntry('What is this?', {
      images: [{ id: 'i', name: 'red.png', mimeType: 'image/png', bytes: new Uint8Array() }],
      attachments: [{ id: 'f', kind: 'file', label: 'notes.md', path: 'docs/notes.md', languageId: 'markdown', text: 'x' }],
    });
    const markdown = conversationToMarkdown(
      aConversation([user, aReply('re', { status: 'stopped' }), aUserEntry('again'), aReply('', { status: 'failed', error: { code: 'engine-crashed', message: 'The engine stopped.' } })]),
      new Date(0),
    );
    assert.match(markdown, /Attached:\n\n- File: `notes.md`\n- Image: red.png/);
    assert.match(markdown, /re\n\n_\(stopped\)_/);
    assert.match(markdown, /_\(failed: The engine stopped.\)_/);
  });
});
