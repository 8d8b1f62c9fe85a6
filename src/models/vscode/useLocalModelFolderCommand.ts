/** "Inkwell: Use Local Model Folder": picks a folder, checks the engine can run it, makes it the model. */
import * as vscode from 'vscode';
import { validateModelFolder } from '../node/validateModelFolder';
import type { ModelManagement } from './modelManagement';
import { setModelSetting } from './modelSetting';
import { showModelsError } from './showModelsError';

export async function useLocalModelFolderCommand(management: ModelManagement, folder?: string): Promise<boolean> {
  const path = folder ?? (await pickFolder());
  if (!path) return false;
  try {
    const checked = await validateModelFolder(path);
    await setModelSetting(checked.folder);
    void vscode.window.showInformationMessage(`Inkwell: using the ${checked.family} model in ${checked.folder} (precisions: ${checked.precisions.join(', ')}).`);
    return true;
  } catch (error) {
    await showModelsError(management, error);
    return false;
  }
}

async function pickFolder(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    title: 'Inkwell: Use Local Model Folder',
    openLabel: 'Use This Model',
  });
  return picked?.[0]?.fsPath;
}
