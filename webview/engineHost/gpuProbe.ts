/** Asks the browser for a WebGPU adapter and describes what it got, for the host's log and status bar. */
import type { GpuReport } from '../protocol/engineProtocol';

export async function probeGpu(): Promise<GpuReport> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { available: false, reason: 'this webview has no navigator.gpu (WebGPU is off or unsupported here)' };
  }
  try {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return { available: false, reason: 'navigator.gpu.requestAdapter() returned no adapter' };
    const { vendor, architecture, description } = adapter.info;
    return { available: true, vendor, architecture, description, features: [...adapter.features].sort() };
  } catch (error) {
    return { available: false, reason: `navigator.gpu.requestAdapter() failed: ${String(error)}` };
  }
}
