/**
 * The engine worker's runtime: onnxruntime-node's native CPU execution provider, model files read
 * straight from the folder on disk (no file server in between), images decoded in Node.
 */
import type { Ort } from '../../../webview/engine/api';
import { decodeImage } from '../../../webview/engine/adapters/node/decodeImage';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { dtypePreferences } from '../../../webview/engineHost/chooseDevice';
import type { EngineRuntime } from '../../../webview/engineHost/engineRuntime';
import type { GpuReport } from '../../../webview/protocol/engineProtocol';

const NO_GPU: GpuReport = { available: false, reason: 'not used: the native runtime (onnxruntime-node) runs on the CPU' };

export function nativeRuntime(ort: Ort): EngineRuntime {
  return {
    gpu: NO_GPU,
    chooseDevice: (setting) =>
      setting === 'webgpu'
        ? { device: 'cpu', notice: 'inkwell.device is "webgpu", but the engine runs natively on the CPU (the log says why).' }
        : { device: 'cpu' },
    dtypePreferences: (setting, device) => dtypePreferences(setting, device, NO_GPU),
    loadOrt: async () => ort,
    modelFiles: (source) => nodeModelFiles(source.location),
    decodeImage,
  };
}
