/** "Inkwell: Select Model": every model Inkwell can run, downloaded or not; picking one downloads it if needed and uses it. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { describeModelChoices, type InstalledSummary, type ModelChoice } from '../common/describeModelChoices';
import { ensureDownloaded } from './downloadModelCommand';
import type { ModelManagement } from './modelManagement';
import { setModelSetting } from './modelSetting';
import { useLocalModelFolderCommand } from './useLocalModelFolderCommand';

type ChoiceItem = vscode.QuickPickItem & { choice: ModelChoice };

export async function selectModelCommand(management: ModelManagement): Promise<boolean> {
  const settings = management.settings();
  const choices = describeModelChoices({
    catalog: management.catalog,
    installed: await installedSummaries(management),
    current: settings.model,
    demos: await bundledModels(management.extensionPath),
    dtype: settings.dtype,
  });
  const items: ChoiceItem[] = choices.map((choice) =>
    choice.kind === 'separator'
      ? { label: choice.label, kind: vscode.QuickPickItemKind.Separator, choice }
      : { label: choice.label, description: choice.description, detail: choice.detail, choice },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Inkwell: Select Model',
    placeHolder: `Now: ${settings.model}. Models run on this machine; only their download goes over the network.`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  switch (picked?.choice.kind) {
    case 'catalog':
      return ensureDownloaded(management, picked.choice.model, 'use');
    case 'setting':
      await setModelSetting(picked.choice.value);
      return true;
    case 'browse':
      return useLocalModelFolderCommand(management);
    default:
      return false;
  }
}

async function installedSummaries(management: ModelManagement): Promise<Map<string, InstalledSummary>> {
  const summaries = new Map<string, InstalledSummary>();
  for (const model of await management.store.list()) {
    summaries.set(model.id, { precisions: model.precisions, diskBytes: await management.store.diskUsage(model.id) });
  }
  return summaries;
}

/** The demo models the build put in dist/models/ (see scripts/build.ts). */
async function bundledModels(extensionPath: string): Promise<string[]> {
  const entries = await readdir(join(extensionPath, 'dist', 'models'), { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => `demo:${entry.name}`).sort();
}
