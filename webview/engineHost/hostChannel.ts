/**
 * The engine's end of the pipe to the extension host: typed sends, validated receipts. A message
 * that fails validation is reported back as a warning in the host's log and otherwise ignored;
 * if it was a request, the request is answered with an error.
 */
import type { EngineToHostMessage, HostToEngineMessage, LogLevel } from '../protocol/engineProtocol';
import { isRecord } from '../protocol/shapeChecks';
import { validateHostToEngine } from '../protocol/validateEngineMessage';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: EngineToHostMessage): void;
  log(level: LogLevel, message: string): void;
}

export function connectToHost(onMessage: (message: HostToEngineMessage) => void): HostChannel {
  const vscode = acquireVsCodeApi();
  const channel: HostChannel = {
    post: (message) => vscode.postMessage(message),
    log: (level, message) => vscode.postMessage({ type: 'log', level, message } satisfies EngineToHostMessage),
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => acceptHostMessage(event.data, channel, onMessage));
  return channel;
}

/** Validates what the host sent and hands it on; used by the webview and by the engine worker. */
export function acceptHostMessage(data: unknown, channel: HostChannel, onMessage: (message: HostToEngineMessage) => void): void {
  const validation = validateHostToEngine(data);
  if (validation.ok) {
    onMessage(validation.message);
    return;
  }
  channel.log('warn', `The engine ignored a malformed message: ${validation.reason}`);
  // A dropped request would leave its caller waiting for ever: answer it with the reason.
  const requestId = isRecord(data) ? data.requestId : undefined;
  if (typeof requestId === 'string') {
    channel.post({ type: 'error', requestId, code: 'internal', message: `The engine could not read the request: ${validation.reason}` });
  }
}
