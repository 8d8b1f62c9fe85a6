/** What the engine is doing, for the status bar and anything else that shows it. */
import type { ModelInfo } from '../../../webview/engine/api';
import type { GpuReport } from '../../../webview/protocol/engineProtocol';

export type EngineStatus =
  /** No webview: nothing was asked of the engine yet, or it was closed while idle. */
  | { kind: 'stopped' }
  | { kind: 'starting'; model: string }
  | { kind: 'loading'; model: string; fraction: number; detail: string }
  | { kind: 'ready'; info: ModelInfo; gpu: GpuReport; lastTokensPerSecond?: number }
  /** `tokensPerSecond` counts streamed pieces until the engine's exact figure arrives at the end. */
  | { kind: 'generating'; info: ModelInfo; gpu: GpuReport; tokensPerSecond: number }
  | { kind: 'error'; code: string; message: string };
