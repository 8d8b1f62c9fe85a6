/** Why a model could not be downloaded, found or used: a code to branch on and a message a user can act on. */
export type ModelsErrorCode =
  | 'offline'
  | 'cancelled'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'stalled'
  | 'network'
  | 'not-a-hub'
  | 'catalog-mismatch'
  | 'unverifiable'
  | 'hash-mismatch'
  | 'disk-full'
  | 'interrupted'
  | 'unknown-model'
  | 'invalid-folder'
  | 'unsupported-architecture';

export interface ModelsErrorDetails {
  /** The repository file it concerns, when there is one. */
  file?: string;
  /** How long the server asked to wait before trying again (`Retry-After`). */
  retryAfterMs?: number;
}

export class ModelsError extends Error {
  readonly file?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ModelsErrorCode,
    message: string,
    details: ModelsErrorDetails = {},
  ) {
    super(message);
    this.name = 'ModelsError';
    this.file = details.file;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Errors worth another attempt of the same request (after a pause). */
export function isTransient(error: unknown): error is ModelsError {
  return error instanceof ModelsError && ['server-error', 'stalled', 'network', 'rate-limited'].includes(error.code);
}
