/** Why the engine host could not serve a request: a code to branch on and a message a user can act on. */
export type EngineHostErrorCode =
  /** The webview closed, reloaded or stopped answering mid-request; retrying starts a fresh one. */
  | 'engine-crashed'
  /** The request carried images and the loaded model reads only text. */
  | 'images-not-supported'
  /** Any code the engine itself reported (`prompt-too-long`, `missing-file`, `out-of-memory`...). */
  | (string & {});

export class EngineHostError extends Error {
  constructor(
    readonly code: EngineHostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineHostError';
  }
}
