/**
 * "Inkwell: Manage Models": the downloaded models with their disk usage (use one, add a
 * precision, delete it), and the unfinished downloads kept to resume (resume or delete them).
 */
import * as vscode from 'vscode';
import { availablePrecisions, type CatalogModel, type Precision } from '../common/catalog/catalogModel';
import { formatBytes } from '../common/formatProgress';
import type { InstalledModel } from '../node/modelStore';
import { ensureDownloaded } from './downloadModelCommand';
import { downloadWithProgress } from './downloadWithProgress';
import { findCatalogModel, type ModelManagement } from './modelManagement';
import { setModelSetting } from './modelSetting';
import { showModelsError } from './showModelsError';

type Action = vscode.QuickPickItem & { run: () => Promise<unknown> };
type Row = vscode.QuickPickItem & { actions: () => Action[] };

export async function manageModelsCommand(management: ModelManagement): Promise<void> {
  const installed = await Promise.all((await management.store.list()).map(async (model) => ({ model, bytes: await management.store.diskUsage(model.id) })));
  const unfinished = (
    await Promise.all(management.catalog.map(async (model) => ({ model, bytes: await management.store.unfinishedBytes(model.id) })))
  ).filter(({ model, bytes }) => bytes > 0 && !management.downloads.isDownloading(model.id));
  if (installed.length === 0 && unfinished.length === 0) {
    const picked = await vscode.window.showInformationMessage('Inkwell: no models downloaded yet.', 'Select a Model');
    if (picked) await vscode.commands.executeCommand('inkwell.selectModel');
    return;
  }
  const total = [...installed, ...unfinished].reduce((sum, row) => sum + row.bytes, 0);
  const rows: Row[] = [
    ...installed.map(({ model, bytes }) => installedRow(management, model, bytes)),
    ...unfinished.map(({ model, bytes }) => unfinishedRow(management, model, bytes)),
  ];
  const picked = await vscode.window.showQuickPick(rows, {
    title: `Inkwell: Downloaded Models (${formatBytes(total)} in all)`,
    placeHolder: 'Pick a model to use, extend or delete it.',
  });
  if (!picked) return;
  const action = await vscode.window.showQuickPick(picked.actions(), { title: picked.label });
  await action?.run();
}

function installedRow(management: ModelManagement, model: InstalledModel, bytes: number): Row {
  const current = management.settings().model === model.id;
  const label = findCatalogModel(management, model.id)?.label ?? model.id;
  return {
    label,
    description: `${formatBytes(bytes)} · ${model.precisions.join(', ')}${current ? ' · current' : ''}`,
    detail: `${model.repo} at ${model.commit.slice(0, 7)}, downloaded ${model.installedAt.slice(0, 10)} · ${management.store.folderOf(model.id)}`,
    actions: () => {
      const catalogModel = findCatalogModel(management, model.id);
      const more = catalogModel ? availablePrecisions(catalogModel).filter((p) => !model.precisions.includes(p)) : [];
      const actions: Action[] = [];
      if (!current) actions.push({ label: '$(check) Use as Inkwell’s Model', run: () => setModelSetting(model.id) });
      for (const precision of more) {
        actions.push({ label: `$(cloud-download) Download the ${precision} precision too`, run: () => addPrecision(management, catalogModel!, precision) });
      }
      actions.push({ label: `$(trash) Delete (frees ${formatBytes(bytes)})`, run: () => deleteModel(management, model.id, label, current) });
      return actions;
    },
  };
}

function unfinishedRow(management: ModelManagement, model: CatalogModel, bytes: number): Row {
  return {
    label: `$(debug-pause) ${model.label}`,
    description: `unfinished download · ${formatBytes(bytes)} kept to resume`,
    actions: () => [
      { label: '$(cloud-download) Resume the Download', run: () => ensureDownloaded(management, model, 'offer') },
      { label: `$(trash) Delete the Partial Download (frees ${formatBytes(bytes)})`, run: () => management.store.removeUnfinished(model.id) },
    ],
  };
}

async function addPrecision(management: ModelManagement, model: CatalogModel, precision: Precision): Promise<void> {
  try {
    await downloadWithProgress(management, model, precision);
  } catch (error) {
    await showModelsError(management, error);
  }
}

async function deleteModel(management: ModelManagement, id: string, label: string, current: boolean): Promise<void> {
  if (management.downloads.isDownloading(id)) {
    void vscode.window.showWarningMessage(`Inkwell: ${label} is downloading; cancel the download first.`);
    return;
  }
  const confirmed = await vscode.window.showWarningMessage(
    `Delete ${label} from this machine?`,
    { modal: true, detail: current ? 'It is Inkwell’s current model: Inkwell goes back to its default model.' : 'You can download it again later.' },
    'Delete',
  );
  if (confirmed !== 'Delete') return;
  await management.store.remove(id);
  management.log.info(`${id}: deleted from ${management.store.folderOf(id)}.`);
  if (current) await setModelSetting(undefined);
}
