import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continuation, replacement } from '../../../src/editing/regionText';
import { sharedPrefixLength, StreamedEdit, type RegionText } from '../../../src/editing/streamedEdit';
import { UndoableDocument } from '../../builders/undoableDocument';

const ORIGINAL = 'Intro.\n\nThe old sentence.\n\nOutro.';
const SELECTED = 'The old sentence.';
const AT = ORIGINAL.indexOf(SELECTED);
const asIs = (generated: string) => generated;

function replacing(document: UndoableDocument, region: RegionText = replacement(SELECTED, asIs), onInterrupted?: () => void) {
  return new StreamedEdit(document, AT, SELECTED, region, onInterrupted);
}

function continuingAtEnd(document: UndoableDocument) {
  const around = { before: document.text, after: '' };
  return new StreamedEdit(document, document.text.length, '', continuation(around, asIs));
}

/** Feeds pieces a moment apart, as engine deltas arrive; `after` runs once each has landed. */
async function stream(edit: StreamedEdit, pieces: string[], after: (index: number) => void = () => undefined): Promise<void> {
  for (const [index, piece] of pieces.entries()) {
    edit.append(piece);
    await new Promise((resolve) => setTimeout(resolve, 2));
    after(index);
  }
}

describe('StreamedEdit', () => {
  it('shows the text in the document while it streams', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document);
    const seen: string[] = [];
    await stream(edit, ['A ', 'new ', 'sentence.'], () => seen.push(document.text));
    assert.deepEqual(seen, ['Intro.\n\nA\n\nOutro.', 'Intro.\n\nA new\n\nOutro.', 'Intro.\n\nA new sentence.\n\nOutro.']);
  });

  it('leaves a finished replacement as one undo step that restores the original exactly', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document);
    await stream(edit, ['A ', 'new ', 'sentence.']);
    assert.deepEqual(await edit.finish('complete'), { kind: 'applied', text: 'A new sentence.' });
    assert.equal(document.text, 'Intro.\n\nA new sentence.\n\nOutro.');
    document.undo();
    assert.equal(document.text, ORIGINAL);
  });

  it('is still one undo step when something closed the undo element mid-stream (a save)', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document);
    await stream(edit, ['A ', 'new ', 'sentence', '.'], (index) => {
      if (index === 1) document.pushUndoStop();
    });
    await edit.finish('complete');
    document.undo();
    assert.equal(document.text, ORIGINAL);
  });

  it('never merges into what the user typed before it started', async () => {
    const document = new UndoableDocument(ORIGINAL);
    document.type(0, '# ');
    const typed = document.text;
    const edit = new StreamedEdit(document, AT + 2, SELECTED, replacement(SELECTED, asIs));
    await stream(edit, ['Better.']);
    await edit.finish('complete');
    document.undo();
    assert.equal(document.text, typed);
  });

  it('puts a cancelled replacement back exactly as it was', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document);
    await stream(edit, ['A half', ' written']);
    assert.deepEqual(await edit.finish('cancelled'), { kind: 'unchanged' });
    assert.equal(document.text, ORIGINAL);
  });

  it('keeps a cancelled continuation as one undo step', async () => {
    const document = new UndoableDocument('It was a dark');
    const edit = continuingAtEnd(document);
    await stream(edit, [' and', ' stormy']);
    assert.deepEqual(await edit.finish('cancelled'), { kind: 'applied', text: ' and stormy' });
    assert.equal(document.text, 'It was a dark and stormy');
    document.undo();
    assert.equal(document.text, 'It was a dark');
  });

  it('applies a final text that differs from what streamed, still as one undo step', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document, replacement(SELECTED, (generated) => generated.replace(/^Here it is:\n/, '')));
    await stream(edit, ['Here it is:\n', 'Tidy.']);
    assert.deepEqual(await edit.finish('complete'), { kind: 'applied', text: 'Tidy.' });
    document.undo();
    assert.equal(document.text, ORIGINAL);
  });

  it('leaves the document untouched when nothing visible was generated', async () => {
    const document = new UndoableDocument(ORIGINAL);
    const edit = replacing(document);
    await stream(edit, ['  ', '\n']);
    assert.deepEqual(await edit.finish('complete'), { kind: 'unchanged' });
    assert.equal(document.text, ORIGINAL);
    assert.equal(document.undoDepth, 0);
  });

  it('sends the pieces that arrive during an edit together in the next one', async () => {
    const document = new UndoableDocument('');
    const edit = new StreamedEdit(document, 0, '', continuation({ before: '', after: '' }, asIs));
    for (const piece of ['a', 'b', 'c', 'd', 'e']) edit.append(piece);
    await edit.finish('complete');
    const streamingEdits = document.edits.filter((e) => !e.undo.after);
    assert.ok(streamingEdits.length <= 2, `expected the pieces batched, got ${streamingEdits.length} edits`);
    assert.equal(document.text, 'abcde');
  });

  it('stops at a change that is not its own, keeps the document as it is and asks to stop generating', async () => {
    const document = new UndoableDocument(ORIGINAL);
    let stopAsked = 0;
    const edit = replacing(document, undefined, () => stopAsked++);
    await stream(edit, ['A ', 'new']);
    document.type(0, 'User: ');
    edit.interrupt();
    const atInterrupt = document.text;
    await stream(edit, [' sentence.']);
    assert.deepEqual(await edit.finish('complete'), { kind: 'interrupted' });
    assert.equal(document.text, atInterrupt);
    assert.equal(stopAsked, 1);
  });

  it('stops when the document refuses an edit (it changed under the edit)', async () => {
    const document = new UndoableDocument(ORIGINAL);
    let stopAsked = 0;
    const edit = replacing(document, undefined, () => stopAsked++);
    document.beforeEachEdit = (index) => {
      if (index === 1) document.refusing = true;
    };
    await stream(edit, ['A ', 'new ', 'sentence.']);
    assert.deepEqual(await edit.finish('complete'), { kind: 'interrupted' });
    assert.equal(stopAsked, 1);
    assert.equal(document.text, 'Intro.\n\nA\n\nOutro.');
  });
});

describe('sharedPrefixLength', () => {
  it('counts the characters two texts start with', () => {
    assert.equal(sharedPrefixLength('hello world', 'hello there'), 6);
    assert.equal(sharedPrefixLength('', 'abc'), 0);
    assert.equal(sharedPrefixLength('abc', 'abc'), 3);
  });

  it('never ends between the halves of a surrogate pair', () => {
    assert.equal(sharedPrefixLength('a\u{1F600}', 'a\u{1F601}'), 1);
  });

  it('never ends between CR and LF', () => {
    assert.equal(sharedPrefixLength('line\r', 'line\r\n'), 4);
  });
});
