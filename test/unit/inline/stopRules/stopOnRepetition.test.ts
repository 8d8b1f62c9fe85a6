import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stopOnRepetition } from '../../../../src/inline/common/stopRules/stopOnRepetition';
import { byCharacter, runStep } from '../textStreams';

describe('stopOnRepetition', () => {
  it('ends a suggestion where it starts repeating itself', async () => {
    const run = await runStep(stopOnRepetition(''), byCharacter('and then we went home and then we went home and then'));
    assert.deepEqual([run.text, run.stoppedEarly], ['and then we went home ', true]);
  });

  it('ends a word loop after its first word', async () => {
    assert.equal((await runStep(stopOnRepetition(''), byCharacter('the the the the the the'))).text, 'the ');
  });

  it('ends a suggestion that copies the text before the cursor', async () => {
    const before = 'We measured it twice. The results were the same.';
    assert.equal((await runStep(stopOnRepetition(before), byCharacter(' Then: the results were the same.'))).text, ' Then: ');
  });

  it('ignores case and punctuation when comparing words', async () => {
    assert.equal((await runStep(stopOnRepetition(''), ['Go to the shop. go, to the shop!'])).text, 'Go to the shop. ');
  });

  it('keeps a suggestion that repeats fewer than four words in a row', async () => {
    const text = 'the cat sat on the mat and the cat ran';
    assert.equal((await runStep(stopOnRepetition(''), byCharacter(text))).text, text);
  });
});
