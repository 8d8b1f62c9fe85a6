/** Commands that act on the engine itself: show it (the webview's tab, or the log for the native engine), restart it. */
import * as vscode from 'vscode';
import type { EngineHost } from '../common/engineHost';
import type { EngineWebviewPanel } from './engineWebviewPanel';

export interface EngineCommandDeps {
  engine: EngineHost;
  /** The engine's webview, if it runs in one (the native engine has no tab). */
  currentPanel(): EngineWebviewPanel | undefined;
  /** Starts the engine with the configured model, as a first request would. */
  start(): Promise<unknown>;
}

export function registerEngineCommands(context: vscode.ExtensionContext, deps: EngineCommandDeps): void {
  const start = () => void deps.start().catch(() => undefined);
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.showEngine', async () => {
      if (!deps.engine.running) await deps.start().catch(() => undefined);
      const panel = deps.currentPanel();
      if (panel) panel.reveal();
      else await vscode.commands.executeCommand('inkwell.showEngineLog');
    }),
    vscode.commands.registerCommand('inkwell.restartEngine', () => {
      if (deps.engine.running) deps.engine.restart();
      else start();
    }),
  );
}
