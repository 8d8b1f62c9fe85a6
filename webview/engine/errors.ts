/** Errors are values with a code the UI can branch on and a message a user can act on. */
export type EngineErrorCode =
  | 'prompt-too-long'
  | 'unsupported-architecture'
  | 'missing-file'
  | 'invalid-model'
  | 'image-undecodable'
  | 'image-too-large'
  | 'images-not-supported'
  | 'out-of-memory'
  | 'webgpu-unavailable'
  | 'dtype-unsupported'
  | 'aborted'
  | 'internal';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
