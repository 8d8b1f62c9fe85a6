import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionStats, describeStats, percentile } from '../../../src/inline/common/completionStats';

describe('percentile', () => {
  it('gives a measured value by nearest rank', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    assert.deepEqual([percentile(values, 50), percentile(values, 95), percentile([7], 95)], [50, 100, 7]);
  });
});

describe('CompletionStats', () => {
  it('counts what happened and summarises latency', () => {
    const stats = new CompletionStats();
    for (const ms of [120, 80, 300]) stats.recordShown(ms);
    stats.recordAccepted();
    stats.recordKept();
    stats.recordCancelled();
    const snapshot = stats.snapshot();
    assert.deepEqual(snapshot, {
      shown: 3,
      accepted: 1,
      keptWhileTyping: 1,
      cancelled: 1,
      failed: 0,
      latencyMs: { p50: 120, p95: 300, samples: 3 },
    });
    assert.match(describeStats(snapshot), /3 shown, 1 accepted \(33%\).*p50 120 ms, p95 300 ms over 3/);
  });

  it('says so when nothing was measured yet', () => {
    assert.match(describeStats(new CompletionStats().snapshot()), /0 shown.*no latency measured yet/);
  });
});
