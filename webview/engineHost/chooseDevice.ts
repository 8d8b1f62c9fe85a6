/** Turns the `inkwell.device` setting and what the browser offers into the device to load on. */
import type { Device, Dtype } from '../engine/api';
import type { DeviceSetting, DtypeSetting, GpuReport } from '../protocol/engineProtocol';

export interface DeviceChoice {
  device: Device;
  /** Set when the choice differs from what was asked: the host shows it, the fallback is never silent. */
  notice?: string;
}

export function chooseDevice(setting: DeviceSetting, gpu: GpuReport): DeviceChoice {
  if (setting === 'wasm') return { device: 'wasm' };
  if (gpu.available) return { device: 'webgpu' };
  const asked = setting === 'webgpu' ? 'inkwell.device is "webgpu", but WebGPU' : 'WebGPU';
  return { device: 'wasm', notice: `${asked} is not available (${gpu.reason}); running on WASM (CPU), which is slower.` };
}

/**
 * Precisions to try, best first, for `inkwell.dtype`. For `auto`: 4-bit weights first (smallest
 * download and memory), with fp16 activations only where the GPU has `shader-f16`; fp32 last,
 * since every export has it. The first one the model folder has wins.
 */
export function dtypePreferences(setting: DtypeSetting, device: Device, gpu: GpuReport): Dtype[] {
  if (setting !== 'auto') return [setting];
  const hasF16 = device === 'webgpu' && gpu.available && gpu.features.includes('shader-f16');
  return hasF16 ? ['q4f16', 'q4', 'fp16', 'fp32'] : ['q4', 'fp32', 'q4f16', 'fp16'];
}
