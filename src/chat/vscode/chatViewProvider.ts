/**
 * The chat view in Inkwell's activity-bar container: a `WebviewView` whose page is
 * dist/webview/chat.js and chat.css. It only carries messages: every one is validated and handed
 * to the controller. The page is not kept alive while hidden; when shown again it asks for the
 * conversation afresh (a reply keeps streaming on the host meanwhile).
 */
import * as vscode from 'vscode';
import { validateChatToHost } from '../../../webview/chat/protocol/validateChatMessage';
import { createNonce } from '../../engineHost/common/engineCsp';
import { buildChatHtml } from '../common/chatHtml';
import type { ChatController } from './chatController';

export const CHAT_VIEW_ID = 'inkwell.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const webviewFolder = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: [webviewFolder] };
    webview.html = buildChatHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewFolder, 'chat.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewFolder, 'chat.css')).toString(),
    });
    this.controller.attach((message) => void webview.postMessage(message));
    const subscription = webview.onDidReceiveMessage((raw: unknown) => {
      const validation = validateChatToHost(raw);
      if (!validation.ok) {
        this.log.warn(`Chat view sent a malformed message: ${validation.reason}`);
        return;
      }
      this.controller.handle(validation.message).catch((error: unknown) => {
        this.log.error(`Chat: ${validation.message.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    });
    view.onDidDispose(() => subscription.dispose());
  }
}
