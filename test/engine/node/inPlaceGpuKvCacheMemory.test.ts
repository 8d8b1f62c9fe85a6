/**
 * What the in-place GPU cache does when the GPU has no memory for it: a reservation (made for a
 * replayed decode step) is dropped for the room the run needs, and a run whose room does not fit
 * fails with the engine's out-of-memory error instead of running on buffers WebGPU never made.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ort } from '../../../webview/engine/api';
import { isEngineError } from '../../../webview/engine/errors';
import { InPlaceGpuKvCache } from '../../../webview/engine/runtime/inPlaceGpuKvCache';
import { pastName } from '../../../webview/engine/runtime/kvCacheNames';
import { memoryLimitedDevice } from '../../builders/memoryLimitedDevice';

const SHAPE = { numLayers: 2, numKeyValueHeads: 2, headDim: 4, dtype: 'float32' as const };
const BYTES_PER_POSITION_AND_BUFFER = SHAPE.numKeyValueHeads * SHAPE.headDim * 4;

function ortOn(device: object): Ort {
  const Tensor = { fromGpuBuffer: (buffer: unknown, { dims }: { dims: number[] }) => ({ buffer, dims }) };
  return { env: { webgpu: { device: Promise.resolve(device) } }, Tensor } as unknown as Ort;
}

describe('the in-place GPU cache when the GPU runs out of memory', () => {
  before(() => Object.assign(globalThis, { GPUBufferUsage: { STORAGE: 128, COPY_SRC: 4, COPY_DST: 8 } }));
  after(() => delete (globalThis as { GPUBufferUsage?: unknown }).GPUBufferUsage);

  /** The dims of two of the cache's buffers after a reservation of 8192 and a run of 20, on a GPU with room for 4 buffers of `positions`. */
  async function dimsWithRoomFor(positions: number): Promise<number[][]> {
    const { device } = memoryLimitedDevice(4 * positions * BYTES_PER_POSITION_AND_BUFFER);
    const cache = new InPlaceGpuKvCache(ortOn(device), SHAPE);
    cache.reserve(8192);
    await cache.makeRoom(20);
    return [pastName(0, 'key'), pastName(1, 'value')].map((name) => (cache.boundTensors()[name] as unknown as { dims: number[] }).dims);
  }

  it('drops a reservation that does not fit and makes the room the run needs', async () => {
    assert.deepEqual(await dimsWithRoomFor(1024), [
      [1, 2, 512, 4],
      [1, 2, 512, 4],
    ]);
  });

  it('keeps a reservation that fits', async () => {
    assert.deepEqual(await dimsWithRoomFor(8192), [
      [1, 2, 8192, 4],
      [1, 2, 8192, 4],
    ]);
  });

  it("fails a run whose room does not fit with the engine's out-of-memory error", async () => {
    const { device } = memoryLimitedDevice(100);
    const cache = new InPlaceGpuKvCache(ortOn(device), SHAPE);
    await assert.rejects(cache.makeRoom(20), (error: unknown) => isEngineError(error) && error.code === 'out-of-memory' && /GPU memory/.test(error.message));
    assert.deepEqual(cache.boundTensors(), {});
  });
});
