/** Builders for valid engine protocol messages; tests override only the fields they are about. */
import type { ModelInfo } from '../../webview/engine/api';
import type {
  EngineToHostMessage,
  GpuReport,
  HostToEngineMessage,
  ModelSource,
  WireGenerationSettings,
  WireMessage,
  WireOutcome,
} from '../../webview/protocol/engineProtocol';

type Of<U, T> = Extract<U, { type: T }>;

export function aModelSource(overrides: Partial<ModelSource> = {}): ModelSource {
  return {
    location: '/models/tiny-llama',
    baseUrl: 'http://127.0.0.1:4000/token/m1/',
    files: [
      { path: 'config.json', size: 600 },
      { path: 'onnx/model_q4.onnx', size: 1_000_000 },
    ],
    ...overrides,
  };
}

export function aModelInfo(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    name: 'tiny-llama',
    family: 'llama',
    canReadImages: false,
    device: 'webgpu',
    dtype: 'q4',
    contextLength: 2048,
    notices: [],
    ...overrides,
  };
}

export function someSettings(overrides: Partial<WireGenerationSettings> = {}): WireGenerationSettings {
  return { maxNewTokens: 32, temperature: 0, topP: 1, topK: 0, ...overrides };
}

export function aTextMessage(text = 'Say hello.'): WireMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export function anImageMessage(): WireMessage {
  return {
    role: 'user',
    content: [
      { type: 'image', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png' },
      { type: 'text', text: 'What colour is this?' },
    ],
  };
}

export function anOutcome(overrides: Partial<WireOutcome> = {}): WireOutcome {
  return {
    text: 'Hello!',
    finishReason: 'eos',
    promptTokens: 12,
    generatedTokens: 3,
    tokensPerSecond: 30,
    timeToFirstTokenMs: 40,
    ...overrides,
  };
}

export const aGpuReport = (overrides: Partial<Extract<GpuReport, { available: true }>> = {}): GpuReport => ({
  available: true,
  vendor: 'google',
  architecture: 'swiftshader',
  description: 'SwiftShader',
  features: ['timestamp-query'],
  ...overrides,
});

export function aLoadMessage(overrides: Partial<Of<HostToEngineMessage, 'load'>> = {}): Of<HostToEngineMessage, 'load'> {
  return { type: 'load', source: aModelSource(), device: 'auto', dtype: 'auto', ...overrides };
}

export function aGenerateMessage(overrides: Partial<Of<HostToEngineMessage, 'generate'>> = {}): Of<HostToEngineMessage, 'generate'> {
  return { type: 'generate', requestId: 'r1', messages: [aTextMessage()], settings: someSettings(), ...overrides };
}

export function aLoadedMessage(info: Partial<ModelInfo> = {}): Of<EngineToHostMessage, 'loaded'> {
  return { type: 'loaded', info: aModelInfo(info) };
}

export function aDoneMessage(requestId = 'r1', outcome: Partial<WireOutcome> = {}): Of<EngineToHostMessage, 'done'> {
  return { type: 'done', requestId, outcome: anOutcome(outcome) };
}
