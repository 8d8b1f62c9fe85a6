/**
 * The bench's --submits values (scripts/bench/replay/submitPolicy.ts): what each asks of the
 * engine's joining (joinedSubmits.test.ts shows what the joining does with it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buffersPerSubmit, parseSubmitPolicy, submitPolicyName } from '../../../scripts/bench/replay/submitPolicy';

describe('submit policies for replayed steps', () => {
  it('parses joined, ort and whole numbers, and refuses the rest', () => {
    assert.equal(parseSubmitPolicy('joined'), 'joined');
    assert.equal(parseSubmitPolicy('ort'), 'ort');
    assert.equal(parseSubmitPolicy('4'), 4);
    for (const bad of ['0', '2.5', 'all', '']) assert.throws(() => parseSubmitPolicy(bad), /--submits takes/);
  });

  it('asks the joining for one submit a step, one per buffer, or N buffers a submit', () => {
    assert.equal(buffersPerSubmit('joined'), Infinity);
    assert.equal(buffersPerSubmit('ort'), 1);
    assert.equal(buffersPerSubmit(4), 4);
    assert.deepEqual(['joined', 'ort', 4].map((policy) => submitPolicyName(policy as 'joined' | 'ort' | number)), ['joined', "ORT's submits", '4 buffers a submit']);
  });
});
