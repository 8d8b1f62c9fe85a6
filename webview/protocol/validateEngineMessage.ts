/**
 * Runtime checks for every message that crosses between the extension host and the engine
 * webview, in both directions. A malformed message is rejected with a reason to log, never acted on.
 */
import type { EngineToHostMessage, HostToEngineMessage } from './engineProtocol';
import {
  arrayOf,
  isBoolean,
  isBytes,
  isNonNegative,
  isNumber,
  isString,
  objectWith,
  oneOf,
  optional,
  unionBy,
  validateShape,
  type ShapeCheck,
  type Validation,
} from './shapeChecks';

const DTYPES = ['fp32', 'fp16', 'q4', 'q4f16'] as const;
const FINISH_REASONS = ['eos', 'stop', 'length', 'aborted'] as const;

const wireMessage = objectWith({
  role: oneOf('system', 'user', 'assistant'),
  content: arrayOf(
    unionBy('type', {
      text: objectWith({ text: isString }),
      image: objectWith({ bytes: isBytes, mimeType: isString }),
    }),
  ),
});

const hostToEngine: ShapeCheck = unionBy('type', {
  load: objectWith({
    source: objectWith({
      location: isString,
      baseUrl: isString,
      files: arrayOf(objectWith({ path: isString, size: isNonNegative })),
    }),
    device: oneOf('auto', 'webgpu', 'wasm'),
    dtype: oneOf('auto', ...DTYPES),
  }),
  generate: objectWith({
    requestId: isString,
    messages: arrayOf(wireMessage),
    rawPrompt: optional(isString),
    settings: objectWith({
      maxNewTokens: isNonNegative,
      temperature: isNonNegative,
      topP: isNonNegative,
      topK: isNonNegative,
      stop: optional(arrayOf(isString)),
    }),
  }),
  cancel: objectWith({ requestId: isString }),
  dispose: objectWith({}),
  ping: objectWith({ id: isNumber }),
});

const engineToHost: ShapeCheck = unionBy('type', {
  ready: objectWith({
    gpu: unionBy('available', {
      true: objectWith({ vendor: isString, architecture: isString, description: isString, features: arrayOf(isString) }),
      false: objectWith({ reason: isString }),
    }),
  }),
  loadProgress: objectWith({ fraction: isNonNegative, detail: isString }),
  loaded: objectWith({
    info: objectWith({
      name: isString,
      family: oneOf('llama', 'idefics3'),
      canReadImages: isBoolean,
      device: oneOf('webgpu', 'wasm', 'cpu'),
      dtype: oneOf(...DTYPES),
      contextLength: isNonNegative,
      notices: arrayOf(isString),
    }),
  }),
  delta: objectWith({ requestId: isString, text: isString }),
  done: objectWith({
    requestId: isString,
    outcome: objectWith({
      text: isString,
      finishReason: oneOf(...FINISH_REASONS),
      promptTokens: isNonNegative,
      generatedTokens: isNonNegative,
      tokensPerSecond: isNonNegative,
      timeToFirstTokenMs: isNonNegative,
    }),
  }),
  error: objectWith({ requestId: optional(isString), code: isString, message: isString }),
  log: objectWith({ level: oneOf('trace', 'debug', 'info', 'warn', 'error'), message: isString }),
  pong: objectWith({ id: isNumber }),
});

/** The webview's check of what the host sent. */
export function validateHostToEngine(value: unknown): Validation<HostToEngineMessage> {
  return validateShape(hostToEngine, value);
}

/** The host's check of what the webview sent. */
export function validateEngineToHost(value: unknown): Validation<EngineToHostMessage> {
  return validateShape(engineToHost, value);
}
