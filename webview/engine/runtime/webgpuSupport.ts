/**
 * The one place the engine touches `navigator.gpu` (present in browsers and workers, absent in
 * Node), so the rest of the engine stays runtime-neutral.
 */
export type WebGpuProbe = { available: true; shaderF16: boolean; adapter: string } | { available: false; reason: string };

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return { available: false, reason: 'this runtime has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { available: false, reason: `requesting a WebGPU adapter failed: ${String(error)}` };
  }
  if (!adapter) return { available: false, reason: 'no WebGPU adapter is available (the GPU may be blocklisted or disabled)' };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { available: true, shaderF16: adapter.features.has('shader-f16'), adapter: name };
}
