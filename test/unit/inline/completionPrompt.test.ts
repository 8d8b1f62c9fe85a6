import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCompletionPrompt } from '../../../src/inline/common/completionPrompt';
import { promptWindowStart } from '../../../src/inline/common/promptWindow';

const paragraph = (n: number) => `Paragraph ${n} says something about the subject at some length.`;

describe('promptWindowStart', () => {
  it('takes the whole text when it fits the budget', () => {
    assert.equal(promptWindowStart('Short text.', 100), 0);
  });

  it('starts at the first paragraph that fits the budget', () => {
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    const start = promptWindowStart(text, 40);
    assert.equal(text.slice(start), [3, 4].map(paragraph).join('\n\n'));
  });

  it('stays put while the user types on, so that each prompt extends the last', () => {
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    const start = promptWindowStart(text, 40);
    assert.equal(promptWindowStart(`${text} And`, 40), start);
    assert.equal(promptWindowStart(`${text} And more`, 40), start);
  });

  it('falls back to a line start, then a word start, in one long paragraph', () => {
    assert.equal('a b c d\ne f g h'.slice(promptWindowStart('a b c d\ne f g h', 3)), 'e f g h');
    assert.equal('alpha beta gamma delta'.slice(promptWindowStart('alpha beta gamma delta', 2)), 'delta');
  });
});

describe('buildCompletionPrompt', () => {
  it('feeds the text before the cursor, leaving out the spaces typed last', () => {
    const prompt = buildCompletionPrompt('# Notes\n\nThe cat ', '');
    assert.deepEqual([prompt.text, prompt.typedSpace], ['# Notes\n\nThe cat', ' ']);
  });

  it('keeps the indentation of a line that has nothing else yet', () => {
    assert.deepEqual(buildCompletionPrompt('Intro\n  ', '').typedSpace, '');
  });

  it('probes the first words of the rest of the line', () => {
    assert.deepEqual(buildCompletionPrompt('The cat ', ' on the warm mat today.\nNext').suffix, { probe: 'on the warm', onSameLine: true });
  });

  it('probes the next non-blank line when the cursor ends its line', () => {
    assert.deepEqual(buildCompletionPrompt('It worked.', '\n\n## Results\n').suffix, { probe: '## Results', onSameLine: false });
  });

  it('does not probe with a next line too short to tell (a list marker)', () => {
    assert.deepEqual(buildCompletionPrompt('- one', '\n-').suffix, { probe: undefined, onSameLine: false });
    assert.deepEqual(buildCompletionPrompt('The end.', '').suffix, { probe: undefined, onSameLine: false });
  });
});
