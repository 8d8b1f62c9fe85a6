import type { Device, Dtype } from '../api';
import { EngineError } from '../errors';
import type { WebGpuProbe } from './webgpuSupport';

export interface Placement {
  device: Device;
  dtype: Dtype;
  notices: string[];
}

/**
 * Decides where and at what precision the model runs. Falling back is allowed but never silent:
 * each fallback adds a notice the UI shows. fp16 weights need WebGPU's `shader-f16`; without it
 * q4f16 becomes q4 and fp16 becomes fp32 (the nearest precision with float32 activations).
 */
export function choosePlacement(
  requested: { device: Device; dtype: Dtype; allowFallback: boolean },
  webgpu: WebGpuProbe,
  availableDtypes: Dtype[],
): Placement {
  const notices: string[] = [];
  let device = requested.device;
  if (device === 'webgpu' && !webgpu.available) {
    if (!requested.allowFallback) {
      throw new EngineError('webgpu-unavailable', `WebGPU is unavailable: ${webgpu.reason}. Set the device to "wasm" to run on the CPU.`);
    }
    notices.push(`WebGPU is unavailable (${webgpu.reason}); running on the CPU with WebAssembly, which is slower.`);
    device = 'wasm';
  }
  let dtype = requested.dtype;
  const halfPrecision = dtype === 'fp16' || dtype === 'q4f16';
  const hasF16 = device === 'webgpu' && webgpu.available && webgpu.shaderF16;
  if (halfPrecision && !hasF16) {
    const fallback: Dtype = dtype === 'q4f16' ? 'q4' : 'fp32';
    const why = device === 'webgpu' ? 'this GPU has no shader-f16 support' : 'the CPU runs float16 models poorly';
    if (!requested.allowFallback || !availableDtypes.includes(fallback)) {
      throw new EngineError(
        'dtype-unsupported',
        `Precision ${dtype} needs a WebGPU adapter with shader-f16, but ${why}. ` +
          `Choose one of: ${availableDtypes.filter((d) => d !== 'fp16' && d !== 'q4f16').join(', ') || 'none available'}.`,
      );
    }
    notices.push(`Precision ${dtype} needs shader-f16, but ${why}; using ${fallback} instead.`);
    dtype = fallback;
  }
  return { device, dtype, notices };
}
