import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smolVlm256m } from '../../../src/models/common/catalog/smolVlm256m';
import { qwen25_15b } from '../../../src/models/common/catalog/qwen25_15b';
import { choosePrecision } from '../../../src/models/common/choosePrecision';
import { formatBytes, formatDuration, formatProgress } from '../../../src/models/common/formatProgress';
import { SpeedMeter } from '../../../src/models/common/speedMeter';

describe('download progress wording', () => {
  it('shows MB done and total, speed and time left', () => {
    assert.equal(formatProgress({ doneBytes: 120.5e6, totalBytes: 540.6e6, bytesPerSecond: 12e6 }), '120.5 / 540.6 MB · 12 MB/s · 35 s left');
  });

  it('leaves speed and time out until they can be measured', () => {
    assert.equal(formatProgress({ doneBytes: 0, totalBytes: 1.2e9 }), '0.0 / 1.2 GB');
  });

  it('writes sizes with three significant digits in decimal units, as the Hub does', () => {
    assert.deepEqual([68, 7_353, 263_889_326, 1_028_498_218].map(formatBytes), ['68 B', '7.35 kB', '264 MB', '1.03 GB']);
  });

  it('writes durations in the largest sensible unit', () => {
    assert.deepEqual([0.3, 35, 240, 3_900].map(formatDuration), ['0.3 s', '35 s', '4 min', '1 h 5 min']);
  });

  it('measures speed over the last few seconds only', () => {
    const meter = new SpeedMeter();
    meter.record(0, 0);
    meter.record(10_000, 100e6);
    meter.record(20_000, 110e6);
    meter.record(21_000, 111e6);
    assert.equal(meter.bytesPerSecond(), 1e6);
  });
});

describe('the precision a download fetches', () => {
  it('is q4 for auto: it runs on WASM and every GPU', () => {
    assert.equal(choosePrecision(smolVlm256m, 'auto'), 'q4');
  });

  it('follows an explicit inkwell.dtype the model has', () => {
    assert.equal(choosePrecision(smolVlm256m, 'fp16'), 'fp16');
  });

  it('falls back to q4 when the model lacks the setting’s precision', () => {
    assert.equal(choosePrecision(qwen25_15b, 'fp32'), 'q4');
  });
});
