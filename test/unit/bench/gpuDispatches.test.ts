import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { withGpuDispatches } from '../../../scripts/bench/protocol/gpuDispatches';

/** Stand-ins for a WebGPU implementation's pass encoder and queue, as globals of this realm. */
class FakePassEncoder {
  dispatchWorkgroups(): void {}
  dispatchWorkgroupsIndirect(): void {}
}
class FakeQueue {
  submit(_buffers: unknown[]): void {}
}

describe("the bench's GPU kernel and submit counts", () => {
  const globals = globalThis as { GPUComputePassEncoder?: unknown; GPUQueue?: unknown };
  after(() => {
    delete globals.GPUComputePassEncoder;
    delete globals.GPUQueue;
  });

  it('leaves the clock as it is where the realm has no WebGPU', () => {
    const clock = () => ({ wallMs: 1 });
    assert.equal(withGpuDispatches(clock), clock);
  });

  it('counts direct and indirect dispatches and submits, read before the clock it wraps answers', async () => {
    globals.GPUComputePassEncoder = FakePassEncoder;
    globals.GPUQueue = FakeQueue;
    const encoder = new FakePassEncoder();
    const queue = new FakeQueue();
    // A clock whose answer takes a round trip, during which a run dispatches three kernels and submits them.
    const slowClock = async () => {
      await Promise.resolve();
      for (let i = 0; i < 3; i++) encoder.dispatchWorkgroups();
      queue.submit([]);
      return { wallMs: 0 };
    };
    const clock = withGpuDispatches(slowClock);
    encoder.dispatchWorkgroups();
    encoder.dispatchWorkgroupsIndirect();
    queue.submit([]);
    assert.deepEqual(await clock(), { wallMs: 0, gpuDispatches: 2, gpuSubmits: 1 });
    assert.deepEqual(await clock(), { wallMs: 0, gpuDispatches: 5, gpuSubmits: 2 });
  });
});
