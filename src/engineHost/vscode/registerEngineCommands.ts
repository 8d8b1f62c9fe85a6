/** Commands that act on the engine webview itself: show it, restart it. */
import * as vscode from 'vscode';
import type { EngineHost } from '../common/engineHost';
import type { EngineWebviewPanel } from './engineWebviewPanel';

export interface EngineCommandDeps {
  engine: EngineHost;
  currentPanel(): EngineWebviewPanel | undefined;
  /** Starts the engine with the configured model, as a first request would. */
  start(): Promise<unknown>;
}

export function registerEngineCommands(context: vscode.ExtensionContext, deps: EngineCommandDeps): void {
  const start = () => void deps.start().catch(() => undefined);
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.showEngine', async () => {
      if (!deps.currentPanel()) await deps.start().catch(() => undefined);
      deps.currentPanel()?.reveal();
    }),
    vscode.commands.registerCommand('inkwell.restartEngine', () => {
      if (deps.currentPanel()) deps.engine.restart();
      else start();
    }),
  );
}
