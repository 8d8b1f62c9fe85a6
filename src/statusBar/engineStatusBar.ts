/** The status bar item that follows the engine: loading, ready on WebGPU or WASM, generating, failed. */
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost/common/engineHost';
import { describeEngineStatus } from './describeEngineStatus';

export function createEngineStatusBar(engine: EngineHost, showLogCommand: string): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('inkwell.engine', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Inkwell Engine';
  item.command = showLogCommand;
  const render = () => {
    const view = describeEngineStatus(engine.status);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.severity ? new vscode.ThemeColor(`statusBarItem.${view.severity}Background`) : undefined;
  };
  render();
  item.show();
  const subscription = engine.onDidChangeStatus(render);
  return { dispose: () => (subscription.dispose(), item.dispose()) };
}
