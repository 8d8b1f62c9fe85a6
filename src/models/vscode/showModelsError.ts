/** Shows a model-management failure with the action that fixes it, and logs it. */
import * as vscode from 'vscode';
import { ModelsError } from '../common/modelsError';
import type { ModelManagement } from './modelManagement';

export async function showModelsError(management: ModelManagement, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  management.log.error(error instanceof ModelsError ? `${error.code}: ${message}` : message);
  const code = error instanceof ModelsError ? error.code : undefined;
  const actions: Array<{ title: string; run: () => Thenable<unknown> }> = [];
  if (code === 'unauthorized' || code === 'forbidden') actions.push({ title: 'Set Token', run: () => vscode.commands.executeCommand('inkwell.setHubToken') });
  if (code === 'offline' || code === 'network' || code === 'not-a-hub') {
    actions.push({ title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.hub') });
  }
  if (code === 'invalid-folder' || code === 'unsupported-architecture') {
    actions.push({ title: 'Choose Another Folder', run: () => vscode.commands.executeCommand('inkwell.useLocalModelFolder') });
  }
  actions.push({ title: 'Show Log', run: async () => management.log.show(true) });
  const picked = await vscode.window.showErrorMessage(`Inkwell: ${message}`, ...actions.map((action) => action.title));
  await actions.find((action) => action.title === picked)?.run();
}
