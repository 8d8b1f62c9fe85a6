/**
 * The pipe to one engine webview, as the host's engine logic sees it. The VS Code side
 * (`../vscode/engineWebviewPanel.ts`) implements it over a WebviewPanel; tests implement it with a
 * scripted fake. Messages are `unknown` on arrival: the connection validates them.
 */
import type { HostToEngineMessage } from '../../../webview/protocol/engineProtocol';

export interface Subscription {
  dispose(): void;
}

export interface EngineTransport {
  post(message: HostToEngineMessage): void;
  onMessage(listener: (message: unknown) => void): Subscription;
  /** Fires once when the webview is gone (closed by the user, disposed by VS Code). */
  onClose(listener: () => void): Subscription;
  /** Replaces the page with a fresh one, which announces itself with a new `ready`. */
  reload(): void;
  dispose(): void;
}

/** Opens a new engine webview. */
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
