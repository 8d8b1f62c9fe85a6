import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRAFT_ACTIONS, draftActionEntry, parseDraftAction } from '../../../src/drafting/draftActions';

describe('DRAFT_ACTIONS', () => {
  it('offers the actions of the issue, in its order', () => {
    assert.deepEqual(
      DRAFT_ACTIONS.map((entry) => entry.label),
      ['Continue writing', 'Improve', 'Shorten', 'Expand', 'Summarize', 'Fix grammar and spelling', 'Change tone…', 'Translate to…', 'Custom instruction…'],
    );
  });

  it('continues after the selection, adds a summary after it, and replaces it for the rest', () => {
    assert.equal(draftActionEntry('continue').placement, 'continue');
    assert.equal(draftActionEntry('summarize').placement, 'paragraphAfter');
    for (const kind of ['improve', 'shorten', 'expand', 'fixGrammar', 'changeTone', 'translate', 'custom'] as const) {
      assert.equal(draftActionEntry(kind).placement, 'replace', kind);
    }
  });

  it('marks the actions that ask a follow-up question with an ellipsis', () => {
    for (const entry of DRAFT_ACTIONS) assert.equal(entry.label.endsWith('…'), entry.needs !== undefined, entry.kind);
  });
});

describe('parseDraftAction', () => {
  it('reads an action from a keybinding argument', () => {
    assert.deepEqual(parseDraftAction({ kind: 'improve' }), { kind: 'improve' });
    assert.deepEqual(parseDraftAction({ kind: 'translate', language: ' French ' }), { kind: 'translate', language: 'French' });
    assert.deepEqual(parseDraftAction({ kind: 'changeTone', tone: 'Formal' }), { kind: 'changeTone', tone: 'Formal' });
  });

  it('ignores an argument that is not an action, such as the URI a context menu passes', () => {
    assert.equal(parseDraftAction({ scheme: 'file', path: '/notes.md' }), undefined);
    assert.equal(parseDraftAction(undefined), undefined);
    assert.equal(parseDraftAction('improve'), undefined);
  });

  it('leaves an action that lacks what it needs to the quick pick', () => {
    assert.equal(parseDraftAction({ kind: 'translate' }), undefined);
    assert.equal(parseDraftAction({ kind: 'custom', instruction: '  ' }), undefined);
  });
});
