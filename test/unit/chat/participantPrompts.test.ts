import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { participantInstruction } from '../../../src/chat/common/participantPrompts';

describe('what @inkwell asks the model', () => {
  it('/draft asks for a draft of what the user describes, and only the draft', () => {
    assert.equal(participantInstruction('draft', 'a haiku about ink', ''), 'Write a first draft of the following. Reply with the draft only.\n\na haiku about ink');
  });

  it('/rewrite puts the text to rewrite first, then how', () => {
    assert.equal(
      participantInstruction('rewrite', 'more formally', 'Selected text:\n\nhey there'),
      'Selected text:\n\nhey there\n\nRewrite the text above as follows: more formally. Reply with the rewritten text only.',
    );
    assert.match(participantInstruction('rewrite', '', 'x'), /Rewrite the text above to read more clearly\./);
  });

  it('/describe without words asks to describe the image', () => {
    assert.equal(participantInstruction('describe', '', ''), 'Describe this image.');
  });

  it('without a command passes the prompt on, after any context', () => {
    assert.equal(participantInstruction(undefined, 'hello', ''), 'hello');
    assert.equal(participantInstruction(undefined, 'hello', 'File `a.md`'), 'File `a.md`\n\nhello');
  });
});
