import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continuation, keepOuterWhitespace, paragraph, replacement, withLineEnding } from '../../../src/editing/regionText';

const asIs = (generated: string) => generated;

describe('replacement', () => {
  it('keeps the original until the first visible character arrives', () => {
    const region = replacement('Old text.', asIs);
    assert.equal(region.live(''), 'Old text.');
    assert.equal(region.live('\n  '), 'Old text.');
    assert.equal(region.live('\nNew'), 'New');
  });

  it('keeps the line break and indentation the selection had around it', () => {
    const region = replacement('  Old line.\n', asIs);
    assert.equal(region.final(' New line. ', 'complete'), '  New line.\n');
  });

  it('tidies the finished text, not the streaming one', () => {
    const region = replacement('Old.', (generated) => generated.toUpperCase());
    assert.equal(region.live('new'), 'new');
    assert.equal(region.final('new', 'complete'), 'NEW');
  });

  it('goes back to the original when cancelled', () => {
    assert.equal(replacement('Old.', asIs).final('Half a', 'cancelled'), 'Old.');
  });
});

describe('continuation', () => {
  it('puts a space between the last word and the next', () => {
    const region = continuation({ before: 'It was a dark', after: '' }, asIs);
    assert.equal(region.final('and stormy night.', 'complete'), ' and stormy night.');
  });

  it('adds no space before punctuation or after a space already there', () => {
    assert.equal(continuation({ before: 'It was dark', after: '' }, asIs).live(', very dark'), ', very dark');
    assert.equal(continuation({ before: 'It was ', after: '' }, asIs).live('dark'), 'dark');
  });

  it('keeps a word after the cursor apart from the new text', () => {
    assert.equal(continuation({ before: 'A ', after: 'cat' }, asIs).live('black'), 'black ');
  });

  it('keeps what was written when cancelled', () => {
    assert.equal(continuation({ before: 'One.', after: '' }, asIs).final(' Two', 'cancelled'), ' Two');
  });
});

describe('paragraph', () => {
  it('sets the new paragraph apart with blank lines', () => {
    assert.equal(paragraph({ before: 'First paragraph.', after: '\n\nNext.' }, asIs).final('Summary.', 'complete'), '\n\nSummary.');
    assert.equal(paragraph({ before: 'First paragraph.', after: '\nNext.' }, asIs).final('Summary.', 'complete'), '\n\nSummary.\n');
    assert.equal(paragraph({ before: 'First paragraph.', after: 'same line' }, asIs).final('Summary.', 'complete'), '\n\nSummary.\n\n');
  });

  it('adds no blank line where there already is one', () => {
    assert.equal(paragraph({ before: 'First.\n\n', after: '' }, asIs).final('Summary.', 'complete'), 'Summary.');
    assert.equal(paragraph({ before: '', after: '' }, asIs).final('Summary.', 'complete'), 'Summary.');
  });

  it('shows nothing until there is text', () => {
    assert.equal(paragraph({ before: 'First.', after: '' }, asIs).live(' \n'), '');
  });
});

describe('withLineEnding', () => {
  it('writes line breaks as the document does', () => {
    const region = withLineEnding(paragraph({ before: 'A.', after: '' }, asIs), '\r\n');
    assert.equal(region.final('one\ntwo', 'complete'), '\r\n\r\none\r\ntwo');
  });
});

describe('keepOuterWhitespace', () => {
  it('gives the text the whitespace around the original', () => {
    assert.equal(keepOuterWhitespace('\n  old  \n', 'new'), '\n  new  \n');
  });

  it('adds nothing when the original was only whitespace', () => {
    assert.equal(keepOuterWhitespace('   ', 'new'), '   new');
  });
});
