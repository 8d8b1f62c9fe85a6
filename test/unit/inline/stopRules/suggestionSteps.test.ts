import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCompletionPrompt } from '../../../../src/inline/common/completionPrompt';
import { suggestionSteps } from '../../../../src/inline/common/stopRules/suggestionSteps';
import { chain, collect } from '../../../../src/inline/common/stopRules/textTransform';

async function suggest(before: string, after: string, generated: string[], boundary: 'sentence' | 'paragraph' = 'sentence') {
  const prompt = buildCompletionPrompt(before, after);
  async function* stream() {
    yield* generated;
  }
  return collect(chain(stream(), suggestionSteps(prompt, boundary, 240)));
}

describe('suggestionSteps', () => {
  it('turns a rambling continuation into the rest of the sentence', async () => {
    assert.equal(await suggest('The cat ', '', [' sat', ' on the', ' mat. It', ' was warm.']), 'sat on the mat.');
  });

  it('stops before what follows the cursor, with no space left dangling', async () => {
    assert.equal(await suggest('The cat ', ' on the mat.', [' sat on the mat.']), 'sat');
  });

  it('leaves nothing when the model only repeats the text before the cursor', async () => {
    assert.equal(await suggest('It was a dark and stormy night.', '', [' It was a dark and stormy night.']), '');
  });
});
