/**
 * The chat webview's end of the pipe to the extension host: typed sends, validated receipts, and
 * the webview state VS Code keeps while the view is hidden (the unsent draft).
 */
import type { ChatToHostMessage, HostToChatMessage } from './protocol/chatProtocol';
import { validateHostToChat } from './protocol/validateChatMessage';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: ChatToHostMessage): void;
  readonly savedState: unknown;
  saveState(state: unknown): void;
}

export function connectToHost(onMessage: (message: HostToChatMessage) => void): HostChannel {
  const vscode = acquireVsCodeApi();
  const channel: HostChannel = {
    post: (message) => vscode.postMessage(message),
    savedState: vscode.getState(),
    saveState: (state) => vscode.setState(state),
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const validation = validateHostToChat(event.data);
    if (validation.ok) onMessage(validation.message);
    else channel.post({ type: 'log', level: 'warn', message: `The chat view ignored a malformed message: ${validation.reason}` });
  });
  return channel;
}
