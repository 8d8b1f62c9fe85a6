import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capLength } from '../../../../src/inline/common/stopRules/capLength';
import { byCharacter, runStep } from '../textStreams';

describe('capLength', () => {
  it('ends the suggestion before a word the limit would cut', async () => {
    const run = await runStep(capLength(12), byCharacter('one two three four'));
    assert.deepEqual([run.text, run.stoppedEarly], ['one two ', true]);
  });

  it('keeps a word that ends exactly at the limit', async () => {
    assert.equal((await runStep(capLength(7), byCharacter('one two three'))).text, 'one two');
  });

  it('cuts a single word longer than the limit at the limit', async () => {
    assert.equal((await runStep(capLength(5), ['abcdefghij'])).text, 'abcde');
  });

  it('passes a short suggestion on whole', async () => {
    assert.equal((await runStep(capLength(50), ['Short', ' enough.'])).text, 'Short enough.');
  });
});
