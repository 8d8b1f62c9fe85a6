/**
 * The engine webview's runtime: onnxruntime-web on WebGPU when the page found an adapter, else
 * WASM with a notice; model bytes over the host's loopback file server; images decoded by the
 * browser.
 */
import { decodeImage } from '../engine/adapters/browser/decodeImage';
import type { GpuReport } from '../protocol/engineProtocol';
import { chooseDevice, dtypePreferences } from './chooseDevice';
import type { EngineRuntime } from './engineRuntime';
import { httpModelFiles } from './httpModelFiles';
import { loadOrt } from './loadOrt';

export function webviewRuntime(gpu: GpuReport, ortBaseUrl: string): EngineRuntime {
  return {
    gpu,
    chooseDevice: (setting) => {
      const choice = chooseDevice(setting, gpu);
      return choice.device === 'webgpu' ? { ...choice, fallback: 'wasm' } : choice;
    },
    dtypePreferences: (setting, device) => dtypePreferences(setting, device, gpu),
    loadOrt: (device) => loadOrt(device, ortBaseUrl),
    modelFiles: httpModelFiles,
    decodeImage,
  };
}
