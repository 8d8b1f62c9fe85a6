import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { reusablePrefixLength } from '../../../webview/engine/models/causalLm';
import { KvCache } from '../../../webview/engine/runtime/kvCache';

const ort = nodeOrt();

/** A cache of 2 layers, 2 heads, head size 3, holding `ids`; each value encodes (head, position, index). */
function cacheHolding(ids: number[]): KvCache {
  const cache = new KvCache(ort, 2, 2, 3, 'float32');
  const outputs: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (let layer = 0; layer < 2; layer++) {
    for (const kind of ['key', 'value']) {
      const data = Float32Array.from({ length: 2 * ids.length * 3 }, (_, i) => {
        const head = Math.floor(i / (ids.length * 3));
        const position = Math.floor(i / 3) % ids.length;
        return head * 100 + position * 10 + (i % 3);
      });
      outputs[`present.${layer}.${kind}`] = new ort.Tensor('float32', data, [1, 2, ids.length, 3]);
    }
  }
  cache.update(outputs, ids.length);
  cache.fedIds = [...ids];
  return cache;
}

describe('reusablePrefixLength', () => {
  it('reuses all the cached ids when the prompt extends them', () => {
    assert.equal(reusablePrefixLength([1, 2, 3], [1, 2, 3, 4, 5]), 3);
  });

  it('reuses the shared prefix when the cache also holds ids the prompt does not have', () => {
    assert.equal(reusablePrefixLength([1, 2, 3, 9, 9], [1, 2, 3, 4]), 3);
  });

  it('leaves the last prompt id to run, even when the cache holds the whole prompt', () => {
    assert.equal(reusablePrefixLength([1, 2, 3, 4], [1, 2, 3]), 2);
  });

  it('reuses nothing when the first ids differ or the cache holds image features', () => {
    assert.equal(reusablePrefixLength([7, 2, 3], [1, 2, 3, 4]), 0);
    assert.equal(reusablePrefixLength(undefined, [1, 2, 3, 4]), 0);
  });
});

describe('KvCache.keepFirst', () => {
  it('keeps the first positions of every head and layer, and their ids', async () => {
    const cache = cacheHolding([5, 6, 7, 8]);
    await cache.keepFirst(2);
    assert.equal(cache.length, 2);
    assert.deepEqual(cache.fedIds, [5, 6]);
    for (const tensor of Object.values(cache.feeds())) {
      assert.deepEqual(tensor.dims, [1, 2, 2, 3]);
      assert.deepEqual([...(tensor.data as Float32Array)], [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
    }
  });

  it('empties the cache when asked to keep nothing', async () => {
    const cache = cacheHolding([5, 6, 7]);
    await cache.keepFirst(0);
    assert.deepEqual([cache.length, cache.fedIds], [0, []]);
    assert.deepEqual(cache.feeds()['past_key_values.0.key'].dims, [1, 2, 0, 3]);
  });

  it('leaves a cache no longer than asked as it is', async () => {
    const cache = cacheHolding([5, 6]);
    const before = cache.feeds()['past_key_values.1.value'];
    await cache.keepFirst(2);
    assert.equal(cache.feeds()['past_key_values.1.value'], before);
  });
});
