import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stopAtBoundary } from '../../../../src/inline/common/stopRules/stopAtBoundary';
import { byCharacter, runStep } from '../textStreams';

describe('stopAtBoundary', () => {
  describe('sentence', () => {
    it('ends after the punctuation that ends the sentence, once a space follows it', async () => {
      const run = await runStep(stopAtBoundary('sentence'), byCharacter(' sat on the mat. Then it slept.'));
      assert.deepEqual([run.text, run.stoppedEarly], [' sat on the mat.', true]);
    });

    it('keeps closing quotes and brackets with the sentence', async () => {
      assert.equal((await runStep(stopAtBoundary('sentence'), byCharacter('"Go home!" She left.'))).text, '"Go home!"');
      assert.equal((await runStep(stopAtBoundary('sentence'), byCharacter('(as shown.) Next'))).text, '(as shown.)');
    });

    it('does not end at abbreviations, initials or decimals', async () => {
      const text = 'e.g. by J. Smith, Dr. Who and 3.5 others.';
      assert.equal((await runStep(stopAtBoundary('sentence'), byCharacter(`${text} More`))).text, text);
    });

    it('ends at a line break, as a heading or list item does', async () => {
      assert.equal((await runStep(stopAtBoundary('sentence'), byCharacter('to the topic\n\nSome text.'))).text, 'to the topic');
    });

    it('lets a suggestion begin on a new paragraph', async () => {
      assert.equal((await runStep(stopAtBoundary('sentence'), byCharacter('\n\nA new start. More'))).text, '\n\nA new start.');
    });

    it('keeps a sentence that ends with the stream', async () => {
      assert.equal((await runStep(stopAtBoundary('sentence'), ['It ends here.'])).text, 'It ends here.');
    });
  });

  describe('paragraph', () => {
    it('runs over sentences and single line breaks, and ends before a blank line', async () => {
      const run = await runStep(stopAtBoundary('paragraph'), byCharacter('One. Two.\nThree.\n\nNext paragraph.'));
      assert.deepEqual([run.text, run.stoppedEarly], ['One. Two.\nThree.', true]);
    });
  });

  describe('line', () => {
    it('ends at the first line break, even before any text', async () => {
      assert.equal((await runStep(stopAtBoundary('line'), byCharacter('rest of a comment. More.\nconst x = 1;'))).text, 'rest of a comment. More.');
      assert.equal((await runStep(stopAtBoundary('line'), ['\nconst x = 1;'])).text, '');
    });
  });
});
