import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdaptiveDelay } from '../../../src/inline/common/adaptiveDelay';

function after(outcomes: boolean[], latencyMs?: number): AdaptiveDelay {
  const delay = new AdaptiveDelay();
  for (const accepted of outcomes) delay.recordOutcome(accepted);
  if (latencyMs !== undefined) delay.recordLatency(latencyMs);
  return delay;
}

describe('AdaptiveDelay', () => {
  it('starts at the setting', () => {
    assert.equal(new AdaptiveDelay().current(200), 200);
  });

  it('waits less as suggestions get accepted, down to half the setting', () => {
    const accepted = after([true, true, true]).current(200);
    assert.ok(accepted < 200, `${accepted}`);
    assert.ok(after(Array(50).fill(true)).current(200) >= 100);
  });

  it('waits more as suggestions get dismissed, up to one and a half times the setting', () => {
    const dismissed = after([false, false, false]).current(200);
    assert.ok(dismissed > 200, `${dismissed}`);
    assert.ok(after(Array(50).fill(false)).current(200) <= 300);
  });

  it('waits less while the model answers within the setting than when it is slow', () => {
    assert.ok(after([], 80).current(200) < after([], 900).current(200));
    assert.equal(after([], 900).current(200), 200);
  });
});
