import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { throttleProgress } from '../../../webview/engineHost/throttleProgress';

function recordWithClock() {
  let time = 0;
  const reports: Array<[number, string]> = [];
  const report = throttleProgress((fraction, detail) => reports.push([fraction, detail]), 100, () => time);
  return { reports, report, advance: (ms: number) => (time += ms) };
}

describe('throttleProgress', () => {
  it('passes on the first report at once', () => {
    const { reports, report } = recordWithClock();
    report(0.01, 'config.json');
    assert.deepEqual(reports, [[0.01, 'config.json']]);
  });

  it('drops reports that come sooner than the interval after the last one passed on', () => {
    const { reports, report, advance } = recordWithClock();
    report(0.1, 'a');
    advance(40);
    report(0.2, 'a');
    advance(40);
    report(0.3, 'a');
    advance(40);
    report(0.4, 'a');
    assert.deepEqual(reports, [[0.1, 'a'], [0.4, 'a']]);
  });

  it('always passes on completion', () => {
    const { reports, report, advance } = recordWithClock();
    report(0.9, 'a');
    advance(1);
    report(1, 'done');
    assert.deepEqual(reports.at(-1), [1, 'done']);
  });
});
