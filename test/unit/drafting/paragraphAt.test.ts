import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paragraphAt } from '../../../src/drafting/paragraphAt';

function at(text: string, line: number) {
  const lines = text.split('\n');
  return paragraphAt((index) => lines[index], lines.length, line);
}

describe('paragraphAt', () => {
  const text = '# Title\n\nFirst line\nsecond line\n\nLast';

  it('spans the non-blank lines around the cursor', () => {
    assert.deepEqual(at(text, 3), { startLine: 2, endLine: 3 });
    assert.deepEqual(at(text, 2), { startLine: 2, endLine: 3 });
  });

  it('reaches the first and last lines of the document', () => {
    assert.deepEqual(at(text, 0), { startLine: 0, endLine: 0 });
    assert.deepEqual(at(text, 5), { startLine: 5, endLine: 5 });
  });

  it('finds nothing on a blank line', () => {
    assert.equal(at(text, 1), undefined);
    assert.equal(at('   ', 0), undefined);
  });
});
