import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunningGenerations } from '../../../src/commands/runningGenerations';

function aGeneration(): { cancelled: number; cancel(): void } {
  return {
    cancelled: 0,
    cancel() {
      this.cancelled++;
    },
  };
}

describe('running generations', () => {
  it('cancels every generation in flight', () => {
    const running = new RunningGenerations();
    const [first, second] = [aGeneration(), aGeneration()];
    running.add(first);
    running.add(second);
    running.cancelAll();
    assert.deepEqual([first.cancelled, second.cancelled], [1, 1]);
  });

  it('leaves alone a generation that has finished', () => {
    const running = new RunningGenerations();
    const done = aGeneration();
    const live = aGeneration();
    const untrack = running.add(done);
    running.add(live);
    untrack();
    running.cancelAll();
    assert.deepEqual([done.cancelled, live.cancelled], [0, 1]);
  });

  it('cancels every generation that was in flight, even one whose tracking another cancel ended', () => {
    const running = new RunningGenerations();
    let untrackInner = () => {};
    const outer = { cancelled: 0, cancel: () => (outer.cancelled++, untrackInner()) };
    running.add(outer);
    const inner = aGeneration();
    untrackInner = running.add(inner);
    running.cancelAll();
    assert.deepEqual([outer.cancelled, inner.cancelled], [1, 1]);
  });
});
