import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { EngineError } from '../../../webview/engine/errors';
import { reusablePrefixLength } from '../../../webview/engine/models/causalLm';
import { AppendingKvCache } from '../../../webview/engine/runtime/appendingKvCache';
import type { KvCache } from '../../../webview/engine/runtime/kvCache';
import { newRowsName, pastName, presentName, recentPastName, type KvKind } from '../../../webview/engine/runtime/kvCacheNames';
import { PresentKvCache } from '../../../webview/engine/runtime/presentKvCache';
import type { ResidentHeap } from '../../../webview/engine/runtime/settledRows';
import { ortWithResidentHeap } from '../../support/ortWithResidentHeap';

const ort = nodeOrt();

const SHAPE = { numLayers: 2, numKeyValueHeads: 2, headDim: 3, dtype: 'float32' as const };
type Tensor = InstanceType<typeof ort.Tensor>;

/** Positions [from, to) of one layer's cache, [1, 2 heads, positions, 3]; each value encodes (head, position, index). */
function rows(from: number, to: number, layer: number, kind: KvKind): Tensor {
  const count = to - from;
  const data = Float32Array.from({ length: 2 * count * 3 }, (_, i) => {
    const head = Math.floor(i / (count * 3));
    const position = from + (Math.floor(i / 3) % count);
    return 1000 * layer + (kind === 'value' ? 500 : 0) + head * 100 + position * 10 + (i % 3);
  });
  return new ort.Tensor('float32', data, [1, 2, count, 3]);
}

/** A run's cache outputs for positions [from, to): the whole present, or only the new rows. */
function runOutputs(cache: KvCache, from: number, to: number): Record<string, Tensor> {
  const outputs: Record<string, Tensor> = {};
  for (let layer = 0; layer < 2; layer++) {
    for (const kind of ['key', 'value'] as const) {
      if (cache instanceof AppendingKvCache) outputs[newRowsName(layer, kind)] = rows(from, to, layer, kind);
      else outputs[presentName(layer, kind)] = rows(0, to, layer, kind);
    }
  }
  return outputs;
}

/**
 * The past a run reads for one layer's `kind`, [1, 2 heads, positions, 3], as [dims, values]: the
 * appending cache's two parts joined head by head, as the rewritten graph's Concat joins them.
 */
function fedPast(cache: KvCache, layer: number, kind: KvKind): [number[], number[]] {
  const feeds = cache.feeds(1);
  const parts = [feeds[pastName(layer, kind)]!, feeds[recentPastName(layer, kind)]].filter((t) => t !== undefined);
  const values = [0, 1].flatMap((head) =>
    parts.flatMap((part) => {
      const length = part.dims[2]!;
      return [...(part.data as Float32Array).subarray(head * length * 3, (head + 1) * length * 3)];
    }),
  );
  return [[1, 2, parts.reduce((sum, part) => sum + part.dims[2]!, 0), 3], values];
}

const wholePast = (from: number, to: number, layer: number, kind: KvKind): [number[], number[]] => {
  const tensor = rows(from, to, layer, kind);
  return [[...tensor.dims], [...(tensor.data as Float32Array)]];
};

/**
 * A stand-in for ORT's heap with our fix (scripts/ortResidentInputsPatch.ts) that grows, and so
 * replaces its buffer, at every allocation, as ORT's may at any: a view kept across one is
 * detached (reads as empty) and fails the feeds' checks. It records the blocks not yet freed and
 * the views held for a run.
 */
function growingHeap(): ResidentHeap & { live: Map<number, number>; held: Map<Float32Array, number> } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384 });
  let top = 8;
  const live = new Map<number, number>();
  const held = new Map<Float32Array, number>();
  return {
    live,
    held,
    allocate(bytes) {
      memory.grow(Math.ceil(bytes / 65536) + 1);
      const pointer = top;
      top += Math.ceil(bytes / 8) * 8 + 8;
      live.set(pointer, bytes);
      return pointer;
    },
    free(pointer) {
      assert.ok(live.delete(pointer), `block ${pointer} freed once`);
    },
    memory: () => memory.buffer,
    hold(view, pointer) {
      held.set(view, pointer);
    },
  };
}

const CACHES = {
  'the present tensors': () => new PresentKvCache(ort, SHAPE),
  'the appended rows': () => new AppendingKvCache(ort, SHAPE),
  "the appended rows, settled in ORT's heap": () => new AppendingKvCache(ortWithResidentHeap(ort, growingHeap()), SHAPE),
};

/** A cache holding `ids`, filled by runs of the given lengths (one run of all when none are given). */
function cacheHolding(make: () => KvCache, ids: number[], runs = [ids.length]): KvCache {
  const cache = make();
  for (const length of runs) cache.update(runOutputs(cache, cache.length, cache.length + length), length);
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

for (const [kept, make] of Object.entries(CACHES)) {
describe(`a KvCache of ${kept}`, () => {
  // The second run list outgrows the appending cache's first arrays twice.
  for (const runs of [[4, 1, 1, 3, 1], [250, 5, 1, 300]]) {
    it(`feeds every position of every head and layer after runs of ${runs.join(', ')}`, () => {
      const total = runs.reduce((a, b) => a + b);
      const cache = cacheHolding(make, Array.from({ length: total }, (_, i) => i), runs);
      assert.equal(cache.length, total);
      for (let layer = 0; layer < 2; layer++) {
        for (const kind of ['key', 'value'] as const) {
          assert.deepEqual(fedPast(cache, layer, kind), wholePast(0, total, layer, kind), `${layer} ${kind}`);
        }
      }
    });
  }

  it('keeps the first positions of every head and layer, and their ids', async () => {
    const cache = cacheHolding(make, [5, 6, 7, 8]);
    await cache.keepFirst(2);
    assert.equal(cache.length, 2);
    assert.deepEqual(cache.fedIds, [5, 6]);
    for (let layer = 0; layer < 2; layer++) {
      for (const kind of ['key', 'value'] as const) assert.deepEqual(fedPast(cache, layer, kind)[0], [1, 2, 2, 3]);
    }
    assert.deepEqual(fedPast(cache, 0, 'key')[1], [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
  });

  it('empties the cache when asked to keep nothing', async () => {
    const cache = cacheHolding(make, [5, 6, 7]);
    await cache.keepFirst(0);
    assert.deepEqual([cache.length, cache.fedIds], [0, []]);
    assert.deepEqual(fedPast(cache, 0, 'key'), [[1, 2, 0, 3], []]);
  });

  it('leaves a cache no longer than asked as it is', async () => {
    const cache = cacheHolding(make, [5, 6]);
    const before = fedPast(cache, 1, 'value');
    await cache.keepFirst(2);
    assert.deepEqual(fedPast(cache, 1, 'value'), before);
  });

  it('appends to a cut cache as to one that never held the dropped positions', async () => {
    const cache = cacheHolding(make, [1, 2, 3, 4, 5, 6], [3, 3]);
    await cache.keepFirst(2);
    cache.update(runOutputs(cache, 2, 5), 3);
    assert.deepEqual(fedPast(cache, 1, 'key'), wholePast(0, 5, 1, 'key'));
  });

  // 200 positions settle at once in the appending cache (more than it keeps recent), 100 stay recent.
  for (const cut of [250, 150]) {
    it(`keeps the first ${cut} of 300 positions and appends after them (runs of 200, 100)`, async () => {
      const cache = cacheHolding(make, Array.from({ length: 300 }, (_, i) => i), [200, 100]);
      await cache.keepFirst(cut);
      assert.deepEqual(fedPast(cache, 1, 'value'), wholePast(0, cut, 1, 'value'));
      cache.update(runOutputs(cache, cut, cut + 2), 2);
      assert.deepEqual(fedPast(cache, 0, 'key'), wholePast(0, cut + 2, 0, 'key'));
    });
  }
});
}

describe('a KvCache of the appended rows', () => {
  it('feeds the past in two parts, and a step moves none of the older part', () => {
    const cache = cacheHolding(CACHES['the appended rows'], Array.from({ length: 202 }, (_, i) => i), [200, 1, 1]);
    const settled = cache.feeds(1)[pastName(0, 'key')]!;
    assert.deepEqual([settled.dims, cache.feeds(1)[recentPastName(0, 'key')]!.dims], [[1, 2, 200, 3], [1, 2, 2, 3]]);
    cache.update(runOutputs(cache, 202, 203), 1);
    const after = cache.feeds(1)[pastName(0, 'key')]!;
    assert.equal((after.data as Float32Array).buffer, (settled.data as Float32Array).buffer, 'the same array');
    assert.deepEqual(fedPast(cache, 0, 'key'), wholePast(0, 203, 0, 'key'));
  });
});

describe("a KvCache of the appended rows, settled in ORT's heap", () => {
  it('feeds the settled part as held views of its blocks, and frees every block it replaces or drops', async () => {
    const heap = growingHeap();
    const cache = cacheHolding(() => new AppendingKvCache(ortWithResidentHeap(ort, heap), SHAPE), Array.from({ length: 300 }, (_, i) => i), [200, 100]);
    // One block a layer and kind: the first settle's (200 positions); 100 stay recent.
    assert.deepEqual([...heap.live.values()], Array(4).fill(2 * 200 * 3 * 4));
    const feeds = cache.feeds(1);
    for (let layer = 0; layer < 2; layer++) {
      for (const kind of ['key', 'value'] as const) {
        const data = feeds[pastName(layer, kind)]!.data as Float32Array;
        assert.ok(heap.live.has(heap.held.get(data)!), `${layer} ${kind}: held at a live block`);
        assert.equal(data.byteOffset, heap.held.get(data));
        assert.ok(!heap.held.has(feeds[recentPastName(layer, kind)]!.data as Float32Array), `${layer} ${kind}: the recent part copied in`);
      }
    }
    cache.update(runOutputs(cache, 300, 328), 28);
    assert.deepEqual([...heap.live.values()], Array(4).fill(2 * 328 * 3 * 4), 'the second settle replaced each block');
    await cache.keepFirst(150);
    assert.deepEqual([...heap.live.values()], Array(4).fill(2 * 150 * 3 * 4), 'a cut into the settled part replaced each block');
    cache.dispose();
    assert.equal(heap.live.size, 0, 'disposed: every block freed');
  });

  it('keeps its settled part in arrays of its own where the heap cannot grow', () => {
    const heap = { ...growingHeap(), allocate: () => 0 };
    const cache = cacheHolding(() => new AppendingKvCache(ortWithResidentHeap(ort, heap), SHAPE), Array.from({ length: 130 }, (_, i) => i));
    assert.equal(heap.held.size, 0);
    assert.deepEqual(fedPast(cache, 1, 'key'), wholePast(0, 130, 1, 'key'));
  });
});

describe('a KvCache of the appended rows, given rows of another shape', () => {
  it('says the model does not match its config, and keeps what it held', () => {
    const cache = cacheHolding(CACHES['the appended rows'], [1, 2]);
    const held = Object.entries(cache.feeds(1)).map(([name, t]) => [name, [...(t.data as Float32Array)]]);
    const outputs = runOutputs(cache, 2, 3);
    outputs[newRowsName(1, 'value')] = new ort.Tensor('float32', new Float32Array(12), [1, 4, 1, 3]);
    assert.throws(() => cache.update(outputs, 1), (error: unknown) => {
      assert.ok(error instanceof EngineError && error.code === 'invalid-model', String(error));
      assert.match(error.message, /num_key_value_heads/);
      return true;
    });
    assert.equal(cache.length, 2);
    assert.deepEqual(Object.entries(cache.feeds(1)).map(([name, t]) => [name, [...(t.data as Float32Array)]]), held);
  });
});
