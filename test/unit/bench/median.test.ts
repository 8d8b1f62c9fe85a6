import assert from 'node:assert/strict';
import { it } from 'node:test';
import { median } from '../../../scripts/bench/median';

it('takes the middle value of an odd count and the mean of the two middle ones of an even count, in any order', () => {
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([7, 1, 3, 45]), 5);
  assert.equal(median([2]), 2);
});

it('leaves its input as it was and refuses no values', () => {
  const values = [3, 1, 2];
  median(values);
  assert.deepEqual(values, [3, 1, 2]);
  assert.throws(() => median([]), /no values/);
});
