import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRAFT_ACTIONS, type DraftAction } from '../../../src/drafting/draftActions';
import { buildDraftMessages, CONTINUATION_CONTEXT_CHARS, tail } from '../../../src/drafting/draftPrompts';
import type { PromptMessage } from '../../../src/providers/provider';

const SELECTION = 'Teh quick brown fox jumpd over the dog.';

function textOf(message: PromptMessage): string {
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function prompt(action: DraftAction, languageId = 'markdown', before?: string) {
  const [system, user] = buildDraftMessages(action, { text: SELECTION, languageId, before });
  return { system: textOf(system), user: textOf(user), roles: [system.role, user.role] };
}

const EVERY_ACTION: DraftAction[] = [
  { kind: 'continue' },
  { kind: 'improve' },
  { kind: 'shorten' },
  { kind: 'expand' },
  { kind: 'summarize' },
  { kind: 'fixGrammar' },
  { kind: 'changeTone', tone: 'Friendly' },
  { kind: 'translate', language: 'French' },
  { kind: 'custom', instruction: 'Turn it into a haiku' },
];

describe('buildDraftMessages', () => {
  it('covers every action the quick pick offers', () => {
    assert.deepEqual(EVERY_ACTION.map((action) => action.kind).sort(), DRAFT_ACTIONS.map((entry) => entry.kind).sort());
  });

  it('sends a writing-assistant system prompt and one user message with the text', () => {
    for (const action of EVERY_ACTION) {
      const { system, user, roles } = prompt(action);
      assert.deepEqual(roles, ['system', 'user']);
      assert.match(system, /writing assistant/);
      assert.ok(user.includes(SELECTION), `${action.kind} leaves out the text`);
    }
  });

  it('asks to keep Markdown formatting in Markdown documents', () => {
    assert.match(prompt({ kind: 'improve' }, 'markdown').system, /Markdown: keep/);
  });

  it('asks for no markup in plain text documents', () => {
    assert.match(prompt({ kind: 'improve' }, 'plaintext').system, /plain text: do not add Markdown/);
  });

  it('names any other language so its syntax is kept', () => {
    assert.match(prompt({ kind: 'improve' }, 'latex').system, /The document is latex/);
  });

  it('says which instruction each action gives', () => {
    assert.match(prompt({ kind: 'fixGrammar' }).user, /Fix the grammar, spelling and punctuation/);
    assert.match(prompt({ kind: 'shorten' }).user, /shorter/);
    assert.match(prompt({ kind: 'expand' }).user, /Expand/);
    assert.match(prompt({ kind: 'summarize' }).user, /Summarize/);
    assert.match(prompt({ kind: 'changeTone', tone: 'Friendly' }).user, /in a friendly tone/);
    assert.match(prompt({ kind: 'translate', language: 'French' }).user, /Translate this text into French/);
    assert.match(prompt({ kind: 'custom', instruction: 'Turn it into a haiku' }).user, /^Turn it into a haiku/);
  });

  it('asks for the answer alone, without a preamble', () => {
    assert.match(prompt({ kind: 'improve' }).system, /Reply with only the text/);
    assert.match(prompt({ kind: 'improve' }).user, /reply with the resulting text only/);
  });

  it('continues from the text before the insertion point, not just the selection', () => {
    const before = `# Notes\n\nFirst paragraph. ${SELECTION}`;
    const { user } = prompt({ kind: 'continue' }, 'markdown', before);
    assert.match(user, /Continue the text below from exactly where it stops/);
    assert.ok(user.includes('# Notes'));
  });

  it('gives a continuation only the last stretch of a long document', () => {
    const before = `${'word '.repeat(2_000)}THE END`;
    const { user } = prompt({ kind: 'continue' }, 'markdown', before);
    assert.ok(user.length < CONTINUATION_CONTEXT_CHARS + 500);
    assert.ok(user.includes('THE END'));
  });
});

describe('tail', () => {
  it('keeps a short text whole', () => {
    assert.equal(tail('short', 100), 'short');
  });

  it('cuts a long text at a word boundary', () => {
    assert.equal(tail('alpha beta gamma', 8), 'gamma');
  });
});
