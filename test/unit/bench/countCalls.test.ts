import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countCalls } from '../../../scripts/bench/protocol/countCalls';

class Queue {
  submitted: number[] = [];
  submit(n: number): string {
    this.submitted.push(n);
    return 'submitted';
  }
  write(): void {}
}

describe('countCalls', () => {
  it('counts calls of the named methods on every instance, which still do what they did, until restored', () => {
    const original = Queue.prototype.submit;
    const [a, b] = [new Queue(), new Queue()];
    const calls = countCalls(Queue.prototype, ['submit', 'write']);
    assert.equal(a.submit(1), 'submitted');
    b.submit(2);
    b.write();
    assert.deepEqual([a.submitted, b.submitted, calls.count()], [[1], [2], 3]);
    calls.restore();
    assert.equal(Queue.prototype.submit, original);
    a.submit(3);
    assert.equal(calls.count(), 3);
  });
});
