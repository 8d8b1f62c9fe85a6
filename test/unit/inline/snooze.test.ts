import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Snooze } from '../../../src/inline/common/snooze';

describe('Snooze', () => {
  it('counts down and ends by itself', () => {
    let now = 1_000;
    const snooze = new Snooze(() => now);
    snooze.start(60_000);
    now += 15_000;
    assert.equal(snooze.remainingMs(), 45_000);
    now += 45_000;
    assert.equal(snooze.remainingMs(), 0);
  });

  it('ends when stopped', () => {
    const snooze = new Snooze(() => 0);
    snooze.start(60_000);
    snooze.stop();
    assert.equal(snooze.remainingMs(), 0);
  });
});
