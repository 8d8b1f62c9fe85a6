import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropPreamble, tidyGeneratedText, unwrapCodeFence, unwrapQuotes } from '../../../src/drafting/tidyGeneratedText';

const PLAIN = 'A plain sentence.';

describe('tidyGeneratedText', () => {
  it('trims the answer', () => {
    assert.equal(tidyGeneratedText('\n  Better text.  \n', PLAIN), 'Better text.');
  });

  it('undoes several chat habits at once', () => {
    assert.equal(tidyGeneratedText('Sure! Here is the improved text:\n\n```markdown\n"Better text."\n```', PLAIN), 'Better text.');
  });
});

describe('dropPreamble', () => {
  it('drops a "Here is..." line before the answer', () => {
    assert.equal(dropPreamble('Here is the revised text:\nBetter.', PLAIN), 'Better.');
    assert.equal(dropPreamble('Certainly! The shortened version:\n\nShort.', PLAIN), 'Short.');
  });

  it('keeps a first line that is part of the answer', () => {
    assert.equal(dropPreamble('Here we go again.\nSecond line.', PLAIN), 'Here we go again.\nSecond line.');
    assert.equal(dropPreamble('Ingredients:\n- flour', PLAIN), 'Ingredients:\n- flour');
  });

  it('keeps such a line when the user\'s text starts like that too', () => {
    assert.equal(dropPreamble('Here is my list:\n- a', 'Here is a list:\n- b'), 'Here is my list:\n- a');
  });
});

describe('unwrapCodeFence', () => {
  it('takes the answer out of a fence around all of it', () => {
    assert.equal(unwrapCodeFence('```\nBetter.\n```', PLAIN), 'Better.');
    assert.equal(unwrapCodeFence('```md\n# Title\n\nBody\n```', PLAIN), '# Title\n\nBody');
  });

  it('keeps a fence the user\'s text had', () => {
    const code = '```js\nlet a = 1;\n```';
    assert.equal(unwrapCodeFence(code, '```js\nvar a = 1;\n```'), code);
  });

  it('keeps fences inside a longer answer', () => {
    const answer = 'Run this:\n```\nnpm test\n```\nThen read the output.';
    assert.equal(unwrapCodeFence(answer, PLAIN), answer);
  });
});

describe('unwrapQuotes', () => {
  it('takes the answer out of quotation marks around all of it', () => {
    assert.equal(unwrapQuotes('"Better."', PLAIN), 'Better.');
    assert.equal(unwrapQuotes('“Better.”', PLAIN), 'Better.');
  });

  it('keeps quotes the user\'s text had', () => {
    assert.equal(unwrapQuotes('"Go," she said.', '"Go," he said.'), '"Go," she said.');
    assert.equal(unwrapQuotes('"To be."', '"To be or not."'), '"To be."');
  });

  it('keeps two separate quotations', () => {
    assert.equal(unwrapQuotes('"Go," she said, "now."', PLAIN), '"Go," she said, "now."');
  });
});
