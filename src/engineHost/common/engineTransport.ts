/**
 * The pipe to one engine, as the host's engine logic sees it: the engine webview
 * (`../vscode/engineWebviewPanel.ts`), the native engine worker (`../node/engineWorkerTransport.ts`),
 * or the switch between them (`engineRuntimeSwitch.ts`); tests implement it with a scripted fake.
 * Messages are `unknown` on arrival: the connection validates them.
 */
import type { HostToEngineMessage } from '../../../webview/protocol/engineProtocol';

export interface Subscription {
  dispose(): void;
}

export interface EngineTransport {
  post(message: HostToEngineMessage): void;
  onMessage(listener: (message: unknown) => void): Subscription;
  /**
   * Fires once when the engine is gone by no doing of the host: a webview closed by the user or
   * disposed by VS Code, a worker that died. Not for `dispose()` or `reload()`.
   */
  onClose(listener: (end: TransportEnd) => void): Subscription;
  /** Replaces the page (or worker) with a fresh one, which announces itself with a new `ready`. */
  reload(): void;
  dispose(): void;
}

/** `closed`: most likely the user's doing (a closed tab); `crashed`: the engine died by itself. */
export type TransportEnd = { kind: 'closed' } | { kind: 'crashed'; reason: string };

/** Opens a new engine. */
export type EngineTransportFactory = () => EngineTransport;

/** Structurally a `vscode.CancellationToken`, so common code never imports VS Code. */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): Subscription;
}

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
