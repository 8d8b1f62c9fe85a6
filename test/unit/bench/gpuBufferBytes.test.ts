import assert from 'node:assert/strict';
import { it } from 'node:test';
import { countGpuBufferBytes } from '../../../scripts/bench/protocol/gpuBufferBytes';

/** Stand-ins for a WebGPU implementation's device and buffer classes. */
class FakeBuffer {
  destroy(): void {}
}
class FakeDevice {
  createBuffer(): FakeBuffer {
    return new FakeBuffer();
  }
}
const realm = () => ({ GPUDevice: class extends FakeDevice {}, GPUBuffer: FakeBuffer }) as unknown as Parameters<typeof countGpuBufferBytes>[0];

it('counts the bytes of buffers made and not yet destroyed, and the most held at once', () => {
  const globals = realm();
  const counted = countGpuBufferBytes(globals)!;
  const device = new (globals as unknown as { GPUDevice: new () => GPUDevice }).GPUDevice();
  const a = device.createBuffer({ size: 100, usage: 0 });
  const b = device.createBuffer({ size: 60, usage: 0 });
  a.destroy();
  a.destroy();
  device.createBuffer({ size: 20, usage: 0 });
  assert.deepEqual([counted.live(), counted.peak()], [80, 160]);
  b.destroy();
  assert.deepEqual([counted.live(), counted.peak()], [20, 160]);
});

it('counts nothing where the realm has no WebGPU', () => {
  assert.equal(countGpuBufferBytes({}), undefined);
});
