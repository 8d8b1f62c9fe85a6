import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipTypedSpace } from '../../../../src/inline/common/stopRules/skipTypedSpace';
import { byCharacter, runStep } from '../textStreams';

describe('skipTypedSpace', () => {
  it('drops the spaces the suggestion starts with when the user typed a space', async () => {
    assert.equal((await runStep(skipTypedSpace(' '), [' ', ' sat on', ' the mat.'])).text, 'sat on the mat.');
  });

  it('drops a suggestion that would glue onto the word before the typed space', async () => {
    const run = await runStep(skipTypedSpace(' '), ['s are', ' here']);
    assert.deepEqual([run.text, run.stoppedEarly], ['', true]);
  });

  it('keeps a suggestion that starts on a new line', async () => {
    assert.equal((await runStep(skipTypedSpace(' '), byCharacter('\nNext line.'))).text, '\nNext line.');
  });

  it('passes everything on when the user typed no space', async () => {
    assert.equal((await runStep(skipTypedSpace(''), ['ck brown', ' fox'])).text, 'ck brown fox');
  });
});
