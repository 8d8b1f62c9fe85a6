/**
 * Decides where the engine runs: in the engine webview (onnxruntime-web on WebGPU, or WASM on one
 * thread: webviews have no SharedArrayBuffer), or natively in a worker thread of the extension
 * host (onnxruntime-node's CPU execution provider, 10-50x faster than that WASM on the CPU,
 * docs/benchmarks.md). Pure, so every rule is tested; the reason goes into the log.
 */
import type { DeviceSetting, GpuReport } from '../../../webview/protocol/engineProtocol';

/** `inkwell.engine.cpuRuntime`. */
export type CpuRuntimeSetting = 'auto' | 'native' | 'webview';

export const CPU_RUNTIME_SETTINGS: readonly CpuRuntimeSetting[] = ['auto', 'native', 'webview'];

export interface RuntimeFacts {
  /** The engine webview's GPU report, once a webview has said `ready` in this session. */
  gpu?: GpuReport;
  /** Why the native runtime failed to start (no binary for this platform...): it is not tried again. */
  nativeFailure?: string;
}

export type RuntimeDecision =
  | { runtime: 'native' | 'webview'; reason: string }
  /** Only the webview can tell whether WebGPU is there: open it and decide on its `ready`. */
  | { runtime: 'probe' };

export interface RuntimeQuestion extends RuntimeFacts {
  setting: CpuRuntimeSetting;
  device: DeviceSetting;
}

export function chooseEngineRuntime({ setting, device, gpu, nativeFailure }: RuntimeQuestion): RuntimeDecision {
  if (setting === 'webview') return { runtime: 'webview', reason: 'inkwell.engine.cpuRuntime is "webview"' };
  if (nativeFailure !== undefined) return { runtime: 'webview', reason: `the native runtime could not start: ${nativeFailure}` };
  if (setting === 'native') return { runtime: 'native', reason: 'inkwell.engine.cpuRuntime is "native"' };
  if (device === 'wasm') return { runtime: 'native', reason: 'inkwell.device is "wasm" (the CPU), where the native runtime is the faster one' };
  if (gpu === undefined) return { runtime: 'probe' };
  if (gpu.available) return { runtime: 'webview', reason: 'the webview has a WebGPU adapter' };
  return { runtime: 'native', reason: `the webview has no WebGPU adapter (${gpu.reason})` };
}

/** The `error` code the engine worker answers with, before `ready`, when onnxruntime-node does not load. */
export const NATIVE_UNAVAILABLE = 'native-runtime-unavailable';
