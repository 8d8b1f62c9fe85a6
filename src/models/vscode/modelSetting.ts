/** Writes `inkwell.model` where it takes effect: at the most specific level that already sets it. */
import * as vscode from 'vscode';

export async function setModelSetting(value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('inkwell');
  const inspected = config.inspect<string>('model');
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update('model', value, target);
}
