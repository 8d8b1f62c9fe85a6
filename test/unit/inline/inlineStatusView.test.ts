import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeInlineStatus } from '../../../src/inline/common/inlineStatusView';

describe('describeInlineStatus', () => {
  it('offers to turn off, snooze and see the stats while on', () => {
    const view = describeInlineStatus({ enabled: true, snoozedMs: 0, failure: undefined });
    assert.equal(view.text, '$(sparkle) Inline');
    assert.match(view.tooltip, /\[Turn off\]\(command:inkwell\.toggleInlineCompletions\).*\[Snooze…\].*\[Stats\]/);
  });

  it('counts a snooze down in whole minutes', () => {
    assert.equal(describeInlineStatus({ enabled: true, snoozedMs: 61_000, failure: undefined }).text, '$(clock) Inline 2m');
  });

  it('shows a failure as a warning with its message', () => {
    const view = describeInlineStatus({ enabled: true, snoozedMs: 0, failure: 'The model "x" is not on this machine.' });
    assert.deepEqual([view.text, view.severity], ['$(warning) Inline', 'warning']);
    assert.match(view.tooltip, /not on this machine/);
  });

  it('says off, and how to turn it on, when disabled', () => {
    const view = describeInlineStatus({ enabled: false, snoozedMs: 60_000, failure: 'x' });
    assert.equal(view.text, '$(circle-slash) Inline');
    assert.match(view.tooltip, /\[Turn on\]/);
  });
});
