/**
 * The engine's public contract. Everything outside `webview/engine/` (the webview adapter, the
 * CLI, tests, the extension host through the protocol) depends on these types only.
 */

/** The onnxruntime-web module the engine runs on (`onnxruntime-web` or `onnxruntime-web/webgpu`). */
export type Ort = typeof import('onnxruntime-web');

/**
 * Where sessions run: WebGPU or WASM in onnxruntime-web, or `cpu`, onnxruntime-node's native CPU
 * execution provider (only outside a browser: the extension host's engine worker).
 */
export type Device = 'webgpu' | 'wasm' | 'cpu';
export type Dtype = 'fp32' | 'fp16' | 'q4' | 'q4f16';

/** Reads files of one model folder, relative to its root (`config.json`, `onnx/model_q4.onnx`). */
export interface ModelFiles {
  /** A name for messages: the folder path or URL. */
  readonly location: string;
  exists(path: string): Promise<boolean>;
  readText(path: string): Promise<string>;
  readBytes(path: string, onProgress?: (loadedBytes: number, totalBytes: number) => void): Promise<Uint8Array>;
}

/** Decoded pixels, row-major RGBA (4 channels) or RGB (3 channels), 8 bits per channel. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export type ContentPart = { type: 'text'; text: string } | { type: 'image'; image: RawImage };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface SamplingOptions {
  /** 0 means greedy. */
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  /** Makes sampled decoding reproducible. */
  seed?: number;
}

export interface GenerateRequest {
  /** Rendered through the model's chat template... */
  messages?: ChatMessage[];
  /** ...or fed as it is, with `images` standing for its `<image>` markers in order. */
  rawPrompt?: string;
  images?: RawImage[];
  maxNewTokens?: number;
  sampling?: SamplingOptions;
  /** Generation ends just before the first occurrence of any of these. */
  stop?: string[];
  /** Read between tokens, and between the chunks of a long prompt on the CPU (what ran of it stays cached). */
  signal?: AbortSignal;
  /** Called with each new piece of text, never with half a character. */
  onDelta?: (delta: string) => void;
}

export type FinishReason = 'eos' | 'stop' | 'length' | 'aborted';

export interface GenerateResult {
  text: string;
  tokenIds: number[];
  promptTokens: number;
  /** How many prompt tokens the decoder actually ran (less than promptTokens when a cached prefix was reused). */
  prefilledTokens: number;
  prefillMs: number;
  decodeMs: number;
  tokensPerSecond: number;
  finishReason: FinishReason;
}

export interface ModelInfo {
  name: string;
  family: 'llama' | 'idefics3';
  canReadImages: boolean;
  device: Device;
  dtype: Dtype;
  contextLength: number;
  /** Why the engine ran on something other than what was asked (fell back from WebGPU, from fp16...). */
  notices: string[];
}

export interface LoadOptions {
  ort: Ort;
  files: ModelFiles;
  device: Device;
  dtype: Dtype;
  /** Fall back to WASM / a float32 precision (reported in `ModelInfo.notices`) instead of failing. Default true. */
  allowFallback?: boolean;
  onProgress?: (fraction: number, detail: string) => void;
}

export interface LoadedModel {
  readonly info: ModelInfo;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  dispose(): Promise<void>;
}
