/**
 * The engine's webview: a WebviewPanel with `retainContextWhenHidden`, opened where the user is
 * and then put behind the editor that was in front (docs/engine-host.md: VS Code has no hidden
 * webview, and a view in the sidebar or panel only comes alive when shown). Implements the
 * transport the host's engine logic talks through.
 */
import * as vscode from 'vscode';
import type { HostToEngineMessage } from '../../../webview/protocol/engineProtocol';
import { createNonce } from '../common/engineCsp';
import { buildEngineHtml } from '../common/engineHtml';
import type { EngineTransport, Subscription, TransportEnd } from '../common/engineTransport';

export const ENGINE_VIEW_TYPE = 'inkwell.engine';

export interface EngineWebviewOptions {
  extensionUri: vscode.Uri;
  /** Base URLs of the model file server, for the CSP; read at each page load. */
  modelServers(): readonly string[];
  /** The tab's title; "Inkwell Engine" by default. */
  title?: string;
}

export class EngineWebviewPanel implements EngineTransport {
  private readonly panel: vscode.WebviewPanel;
  private readonly dist: vscode.Uri;

  constructor(private readonly options: EngineWebviewOptions) {
    this.dist = vscode.Uri.joinPath(options.extensionUri, 'dist');
    const editorWasActive = vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
    this.panel = vscode.window.createWebviewPanel(
      ENGINE_VIEW_TYPE,
      options.title ?? 'Inkwell Engine',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      // Model bytes come from the file server, so the page reads nothing from disk but dist/.
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [this.dist] },
    );
    this.panel.iconPath = vscode.Uri.joinPath(options.extensionUri, 'media', 'icon.png');
    this.reload();
    // createWebviewPanel always shows the panel, and it must stay shown until its page runs: a
    // webview hidden before its first layout never starts (measured in code-server 1.139). Once
    // the page speaks, bring back what the user was looking at; the page lives on, hidden.
    if (editorWasActive) {
      const firstWord = this.panel.webview.onDidReceiveMessage(() => {
        firstWord.dispose();
        if (this.panel.active) void vscode.commands.executeCommand('workbench.action.openPreviousRecentlyUsedEditorInGroup');
      });
    }
  }

  post(message: HostToEngineMessage): void {
    void this.panel.webview.postMessage(message);
  }

  onMessage(listener: (message: unknown) => void): Subscription {
    return this.panel.webview.onDidReceiveMessage(listener);
  }

  onClose(listener: (end: TransportEnd) => void): Subscription {
    return this.panel.onDidDispose(() => listener({ kind: 'closed' }));
  }

  reload(): void {
    const webview = this.panel.webview;
    webview.html = buildEngineHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      modelServers: this.options.modelServers(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.dist, 'webview', 'engineHost.js')).toString(),
      ortBaseUri: `${webview.asWebviewUri(vscode.Uri.joinPath(this.dist, 'ort')).toString()}/`,
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    this.panel.dispose();
  }
}
