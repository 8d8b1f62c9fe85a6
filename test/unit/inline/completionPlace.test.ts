import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completionPlace } from '../../../src/inline/common/completionPlace';
import { DEFAULT_INLINE_SETTINGS } from '../../../src/inline/common/inlineSettings';

const at = (languageId: string, before: string, after = '') => ({ languageId, before, after });

describe('completionPlace', () => {
  it('completes prose in Markdown and plain text, ending where the setting says', () => {
    assert.deepEqual(completionPlace(at('markdown', 'The cat '), DEFAULT_INLINE_SETTINGS), { complete: true, boundary: 'sentence' });
    assert.deepEqual(completionPlace(at('plaintext', 'The cat '), { ...DEFAULT_INLINE_SETTINGS, stopAt: 'paragraph' }), {
      complete: true,
      boundary: 'paragraph',
    });
  });

  it('stays out of languages the user did not enable, unless `*` enables them all', () => {
    assert.deepEqual(completionPlace(at('python', '# A comment '), DEFAULT_INLINE_SETTINGS), { complete: false, reason: 'language' });
    const all = { ...DEFAULT_INLINE_SETTINGS, languages: ['*'] };
    assert.equal(completionPlace(at('python', '# A comment '), all).complete, true);
  });

  it('completes code only inside comments and strings, to the end of the line', () => {
    const settings = { ...DEFAULT_INLINE_SETTINGS, languages: ['typescript'] };
    assert.deepEqual(completionPlace(at('typescript', 'const a = 1; // the answer '), settings), { complete: true, boundary: 'line' });
    assert.deepEqual(completionPlace(at('typescript', 'throw new Error("Could not '), settings), { complete: true, boundary: 'line' });
    assert.deepEqual(completionPlace(at('typescript', 'const a = '), settings), { complete: false, reason: 'code' });
  });

  it('completes code everywhere when told to', () => {
    const settings = { ...DEFAULT_INLINE_SETTINGS, languages: ['typescript'], commentsAndStringsOnly: false };
    assert.deepEqual(completionPlace(at('typescript', 'const a = '), settings), { complete: true, boundary: 'sentence' });
  });

  it('stays out of code languages it knows no comment syntax for', () => {
    const settings = { ...DEFAULT_INLINE_SETTINGS, languages: ['brainfuck'] };
    assert.deepEqual(completionPlace(at('brainfuck', '+++ '), settings), { complete: false, reason: 'code' });
  });

  it('stays out of Markdown code blocks', () => {
    assert.deepEqual(completionPlace(at('markdown', 'Text\n\n```js\nconst a'), DEFAULT_INLINE_SETTINGS), { complete: false, reason: 'code-block' });
  });

  it('does not split a word, nor start a document from nothing', () => {
    assert.deepEqual(completionPlace(at('markdown', 'The c', 'at sat.'), DEFAULT_INLINE_SETTINGS), { complete: false, reason: 'mid-word' });
    assert.deepEqual(completionPlace(at('markdown', ' \n'), DEFAULT_INLINE_SETTINGS), { complete: false, reason: 'nothing-before' });
  });
});
