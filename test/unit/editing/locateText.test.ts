import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateText } from '../../../src/editing/locateText';

describe('locateText', () => {
  it('finds the text where it was', () => {
    assert.equal(locateText('a b c b', 'b', 6), 6);
  });

  it('finds the text where it moved when it occurs once', () => {
    assert.equal(locateText('new words. old text here', 'old text', 0), 11);
  });

  it('gives up when the text is gone or occurs more than once elsewhere', () => {
    assert.equal(locateText('nothing here', 'old text', 0), undefined);
    assert.equal(locateText('x b b', 'b', 0), undefined);
  });
});
