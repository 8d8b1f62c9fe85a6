import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRetry, parseRetryAfter } from '../../../src/http/retryPolicy';

const policy = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 20_000 };

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('120', 0), 120_000);
    assert.equal(parseRetryAfter(' 0 ', 0), 0);
  });

  it('reads an HTTP date as the time left until then', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
  });

  it('ignores a missing or unreadable value', () => {
    assert.equal(parseRetryAfter(undefined, 0), undefined);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter('1.5', 0), undefined);
  });
});

describe('decideRetry', () => {
  it('waits as long as the server asked', () => {
    assert.deepEqual(decideRetry(0, 7_000, policy), { retry: true, delayMs: 7_000 });
  });

  it('does not wait longer than the policy allows, even when asked', () => {
    assert.deepEqual(decideRetry(0, 60_000, policy), { retry: false, reason: 'wait-too-long' });
  });

  it('backs off exponentially with jitter between half and the whole step', () => {
    assert.deepEqual(decideRetry(0, undefined, policy, () => 0), { retry: true, delayMs: 500 });
    assert.deepEqual(decideRetry(2, undefined, policy, () => 0.999_999), { retry: true, delayMs: 4_000 });
  });

  it('stops after the last retry', () => {
    assert.deepEqual(decideRetry(3, 1_000, policy), { retry: false, reason: 'attempts-used' });
  });
});
