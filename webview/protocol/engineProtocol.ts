/**
 * The messages between the extension host and the engine webview. Both sides import these types
 * and check every message they receive with `validateEngineMessage.ts` before acting on it: a
 * webview can be reloaded into a different build, and the host never trusts a shape it was sent.
 */
import type { Dtype, FinishReason, ModelInfo } from '../engine/api';

export type DeviceSetting = 'auto' | 'webgpu' | 'wasm';
export type DtypeSetting = 'auto' | Dtype;

/** One file of a model folder, as the host listed it; `path` is relative to the folder (`onnx/model_q4.onnx`). */
export interface ModelFileEntry {
  path: string;
  size: number;
}

/**
 * Where the webview reads a model folder from: plain HTTP under `baseUrl` (the host's loopback
 * file server; docs/engine-host.md says why not the webview resource loader). The listing lets
 * `exists()` answer without a request and gives each download its total size up front.
 */
export interface ModelSource {
  /** A name for messages and the log: the folder path. */
  location: string;
  /** Ends with `/`; a file's URL is `baseUrl` + its path, each segment URI-encoded. */
  baseUrl: string;
  files: ModelFileEntry[];
}

export type WireContentPart =
  | { type: 'text'; text: string }
  /** Encoded image file bytes (png, jpeg, webp, gif); the webview decodes them. */
  | { type: 'image'; bytes: Uint8Array; mimeType: string };

export interface WireMessage {
  role: 'system' | 'user' | 'assistant';
  content: WireContentPart[];
}

/**
 * What a generation reads: chat messages, rendered through the model's chat template, or a raw
 * prompt fed as it is (a text model continues it: inline completions); `messages` is then empty.
 */
export interface WirePrompt {
  messages: WireMessage[];
  rawPrompt?: string;
}

export interface WireGenerationSettings {
  maxNewTokens: number;
  temperature: number;
  topP: number;
  topK: number;
  stop?: string[];
}

export type HostToEngineMessage =
  | { type: 'load'; source: ModelSource; device: DeviceSetting; dtype: DtypeSetting }
  | ({ type: 'generate'; requestId: string; settings: WireGenerationSettings } & WirePrompt)
  | { type: 'cancel'; requestId: string }
  /** Frees the model; the webview stays up for the next `load`. */
  | { type: 'dispose' }
  | { type: 'ping'; id: number };

/** What `navigator.gpu.requestAdapter()` gave, or why there is none. */
export type GpuReport =
  | { available: true; vendor: string; architecture: string; description: string; features: string[] }
  | { available: false; reason: string };

export interface WireOutcome {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  generatedTokens: number;
  tokensPerSecond: number;
  timeToFirstTokenMs: number;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Error codes the webview reports: the engine's own plus the adapter's. */
export type WireErrorCode = string;

export type EngineToHostMessage =
  | { type: 'ready'; gpu: GpuReport }
  | { type: 'loadProgress'; fraction: number; detail: string }
  | { type: 'loaded'; info: ModelInfo }
  | { type: 'delta'; requestId: string; text: string }
  | { type: 'done'; requestId: string; outcome: WireOutcome }
  /** Without `requestId` the failure is the model load's. */
  | { type: 'error'; requestId?: string; code: WireErrorCode; message: string }
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'pong'; id: number };
