import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trimTrailingSpace } from '../../../../src/inline/common/stopRules/trimTrailingSpace';
import { byCharacter, runStep } from '../textStreams';

describe('trimTrailingSpace', () => {
  it('drops spaces and line breaks at the end', async () => {
    assert.equal((await runStep(trimTrailingSpace(), byCharacter(' the end. \n\n'))).text, ' the end.');
  });

  it('keeps spaces that more text follows', async () => {
    assert.equal((await runStep(trimTrailingSpace(), ['one ', ' ', 'two'])).text, 'one  two');
  });
});
