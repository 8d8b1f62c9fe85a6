import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { withGpuDispatches } from '../../../scripts/bench/protocol/gpuDispatches';

/** A stand-in for a WebGPU implementation's pass encoder, as a global of this realm. */
class FakePassEncoder {
  dispatchWorkgroups(): void {}
  dispatchWorkgroupsIndirect(): void {}
}

describe("the bench's GPU kernel count", () => {
  const globals = globalThis as { GPUComputePassEncoder?: unknown };
  after(() => delete globals.GPUComputePassEncoder);

  it('leaves the clock as it is where the realm has no WebGPU', () => {
    const clock = () => ({ wallMs: 1 });
    assert.equal(withGpuDispatches(clock), clock);
  });

  it('counts direct and indirect dispatches, read before the clock it wraps answers', async () => {
    globals.GPUComputePassEncoder = FakePassEncoder;
    const encoder = new FakePassEncoder();
    // A clock whose answer takes a round trip, during which a run dispatches three kernels.
    const slowClock = async () => {
      await Promise.resolve();
      for (let i = 0; i < 3; i++) encoder.dispatchWorkgroups();
      return { wallMs: 0 };
    };
    const clock = withGpuDispatches(slowClock);
    encoder.dispatchWorkgroups();
    encoder.dispatchWorkgroupsIndirect();
    assert.equal((await clock()).gpuDispatches, 2);
    assert.equal((await clock()).gpuDispatches, 5);
  });
});
