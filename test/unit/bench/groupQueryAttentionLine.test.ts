import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupQueryAttentionLine } from '../../../scripts/bench/report/markdownReport';

describe("the report's line on GroupQueryAttention", () => {
  it('says which attention Inkwell ran for each head shape, and on what runs', () => {
    const [line, blank] = groupQueryAttentionLine({ '9/3/64': 'any', '4/2/16': 31, '8/8/32': 0 });
    assert.equal(
      line,
      'GroupQueryAttention on this adapter: 9/3/64 (heads/kv heads/head dim) right: Inkwell ran it; ' +
        '4/2/16 (heads/kv heads/head dim) right on runs of up to 31 positions: Inkwell ran it, prompts in chunks of 31; ' +
        '8/8/32 (heads/kv heads/head dim) wrong: Inkwell kept the exported attention.',
    );
    assert.equal(blank, '');
  });

  it('is left out where no adapter was checked', () => {
    assert.deepEqual(groupQueryAttentionLine(undefined), []);
  });
});
