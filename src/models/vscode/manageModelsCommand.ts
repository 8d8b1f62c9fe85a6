/** "Inkwell: Manage Models": the downloaded models with their disk usage; use one, add a precision, or delete it. */
import * as vscode from 'vscode';
import { availablePrecisions, type Precision } from '../common/catalog/catalogModel';
import { formatBytes } from '../common/formatProgress';
import { downloadWithProgress } from './downloadWithProgress';
import { findCatalogModel, type ModelManagement } from './modelManagement';
import { setModelSetting } from './modelSetting';
import { showModelsError } from './showModelsError';

export async function manageModelsCommand(management: ModelManagement): Promise<void> {
  const models = await management.store.list();
  if (models.length === 0) {
    const picked = await vscode.window.showInformationMessage('Inkwell: no models downloaded yet.', 'Select a Model');
    if (picked) await vscode.commands.executeCommand('inkwell.selectModel');
    return;
  }
  const current = management.settings().model;
  const rows = await Promise.all(models.map(async (model) => ({ model, bytes: await management.store.diskUsage(model.id) })));
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const picked = await vscode.window.showQuickPick(
    rows.map(({ model, bytes }) => ({
      label: findCatalogModel(management, model.id)?.label ?? model.id,
      description: `${formatBytes(bytes)} · ${model.precisions.join(', ')}${model.id === current ? ' · current' : ''}`,
      detail: `${model.repo} at ${model.commit.slice(0, 7)}, downloaded ${model.installedAt.slice(0, 10)} · ${management.store.folderOf(model.id)}`,
      model,
      bytes,
    })),
    { title: `Inkwell: Downloaded Models (${formatBytes(total)} in all)`, placeHolder: 'Pick a model to use, extend or delete it.' },
  );
  if (!picked) return;
  const { model, bytes } = picked;
  const catalogModel = findCatalogModel(management, model.id);
  const more = catalogModel ? availablePrecisions(catalogModel).filter((p) => !model.precisions.includes(p)) : [];
  type Action = vscode.QuickPickItem & { run: () => Promise<void> };
  const actions: Action[] = [];
  if (model.id !== current) actions.push({ label: '$(check) Use as Inkwell’s Model', run: () => setModelSetting(model.id) });
  for (const precision of more) {
    actions.push({ label: `$(cloud-download) Download the ${precision} precision too`, run: () => addPrecision(management, model.id, precision) });
  }
  actions.push({ label: `$(trash) Delete (frees ${formatBytes(bytes)})`, run: () => deleteModel(management, model.id, picked.label) });
  const action = await vscode.window.showQuickPick(actions, { title: picked.label });
  await action?.run();
}

async function addPrecision(management: ModelManagement, id: string, precision: Precision): Promise<void> {
  const model = findCatalogModel(management, id);
  if (!model) return;
  try {
    await downloadWithProgress(management, model, precision);
  } catch (error) {
    await showModelsError(management, error);
  }
}

async function deleteModel(management: ModelManagement, id: string, label: string): Promise<void> {
  if (management.downloads.isDownloading(id)) {
    void vscode.window.showWarningMessage(`Inkwell: ${label} is downloading; cancel the download first.`);
    return;
  }
  const inUse = management.settings().model === id;
  const confirmed = await vscode.window.showWarningMessage(
    `Delete ${label} from this machine?`,
    { modal: true, detail: inUse ? 'It is Inkwell’s current model: Inkwell goes back to its default model.' : 'You can download it again later.' },
    'Delete',
  );
  if (confirmed !== 'Delete') return;
  await management.store.remove(id);
  management.log.info(`${id}: deleted from ${management.store.folderOf(id)}.`);
  if (inUse) await setModelSetting(undefined);
}
