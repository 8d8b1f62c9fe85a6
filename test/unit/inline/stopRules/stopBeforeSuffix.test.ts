import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stopBeforeSuffix } from '../../../../src/inline/common/stopRules/stopBeforeSuffix';
import { byCharacter, runStep } from '../textStreams';

describe('stopBeforeSuffix', () => {
  it('ends the suggestion before the words that already follow the cursor', async () => {
    const run = await runStep(stopBeforeSuffix({ probe: 'on the mat.', onSameLine: true }), byCharacter('sat on the mat. Then'));
    assert.deepEqual([run.text, run.stoppedEarly], ['sat ', true]);
  });

  it('ends before the next paragraph when the suggestion runs into it', async () => {
    const run = await runStep(stopBeforeSuffix({ probe: '## Results', onSameLine: false }), ['It worked.\n\n## Res', 'ults\n']);
    assert.equal(run.text, 'It worked.\n\n');
  });

  it('drops an ending that the rest of the line already starts with', async () => {
    assert.equal((await runStep(stopBeforeSuffix({ probe: '.', onSameLine: true }), byCharacter('the end'))).text, 'the end');
    assert.equal((await runStep(stopBeforeSuffix({ probe: ') and more', onSameLine: true }), ['see (below', ')'])).text, 'see (below');
  });

  it('keeps an ending that only looks like the start of the next line', async () => {
    assert.equal((await runStep(stopBeforeSuffix({ probe: '## Results', onSameLine: false }), ['It is #'])).text, 'It is #');
  });

  it('holds back a possible start of the suffix until the next chunk tells', async () => {
    const run = await runStep(stopBeforeSuffix({ probe: 'the mat', onSameLine: false }), ['on the', ' rug']);
    assert.equal(run.text, 'on the rug');
  });

  it('passes everything on when nothing follows the cursor', async () => {
    assert.equal((await runStep(stopBeforeSuffix({ probe: undefined, onSameLine: false }), ['Any', ' text.'])).text, 'Any text.');
  });
});
