/** The status bar item that says where prompts go: this machine, or which server. */
import * as vscode from 'vscode';
import { describeDestination } from '../describeDestination';
import type { ProviderSwitch } from '../providerSwitch';
import { PROVIDER_SETTING_SECTIONS } from './remoteSettings';

export function createDestinationStatusBar(providers: ProviderSwitch, log: vscode.LogOutputChannel): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('inkwell.destination', vscode.StatusBarAlignment.Right, 101);
  item.name = 'Inkwell Provider';
  item.command = 'inkwell.selectProvider';
  const render = async () => {
    // The local provider's describeModel starts the engine; where local text goes is known anyway.
    const info = providers.id === 'local' ? undefined : await providers.describeModel('draft').catch((error: Error) => ({ problem: error.message }));
    const view = describeDestination(providers.id, info);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.leavesMachine ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const where = !info ? 'prompts stay on this machine' : 'problem' in info ? `not usable: ${info.problem}` : `${info.name}, prompts go to ${info.destination}`;
    log.info(`Provider: ${providers.id}, ${where}`);
  };
  void render();
  item.show();
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (PROVIDER_SETTING_SECTIONS.some((section) => event.affectsConfiguration(section))) void render();
  });
  return { dispose: () => (subscription.dispose(), item.dispose()) };
}
