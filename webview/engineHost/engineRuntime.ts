/**
 * What an `EngineSession` needs from where it runs: the ONNX runtime for a device, the model
 * folder's files, an image decoder, and the device choice. The engine webview supplies the
 * browser's (`webviewRuntime.ts`), the extension host's engine worker the native one
 * (`src/engineHost/worker/nativeRuntime.ts`), so both serve the same protocol with one session.
 */
import type { Device, Dtype, ModelFiles, Ort, RawImage } from '../engine/api';
import type { DeviceSetting, DtypeSetting, GpuReport, ModelSource } from '../protocol/engineProtocol';

export interface RuntimeDeviceChoice {
  device: Device;
  /** Where to load instead when loading on `device` fails for a device reason (WebGPU → WASM). */
  fallback?: Device;
  /** Set when the choice differs from what was asked: the host shows it, the fallback is never silent. */
  notice?: string;
}

export interface EngineRuntime {
  /** What the runtime says in `ready`: the GPU it found, or why there is none. */
  readonly gpu: GpuReport;
  chooseDevice(setting: DeviceSetting): RuntimeDeviceChoice;
  /** Precisions to try, best first; the first one the model folder has wins. */
  dtypePreferences(setting: DtypeSetting, device: Device): Dtype[];
  loadOrt(device: Device): Promise<Ort>;
  modelFiles(source: ModelSource): ModelFiles;
  decodeImage(bytes: Uint8Array, name: string): RawImage | Promise<RawImage>;
}
