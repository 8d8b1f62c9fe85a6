/**
 * "Inkwell: Download Model": downloads a catalog model (asked for when no id is given) in the
 * precision `inkwell.dtype` calls for, then makes it the model, or offers to. The walkthrough's
 * one-click step calls it with an id and `{ use: true }`.
 */
import * as vscode from 'vscode';
import type { CatalogModel } from '../common/catalog/catalogModel';
import { choosePrecision, precisionToDownload } from '../common/choosePrecision';
import { readsText, sizeText } from '../common/describeModelChoices';
import { ModelsError } from '../common/modelsError';
import { downloadWithProgress } from './downloadWithProgress';
import { findCatalogModel, type ModelManagement } from './modelManagement';
import { setModelSetting } from './modelSetting';
import { showModelsError } from './showModelsError';

export interface DownloadOptions {
  /** Make it `inkwell.model` once downloaded, without asking. */
  use?: boolean;
}

export async function downloadModelCommand(management: ModelManagement, id?: string, options: DownloadOptions = {}): Promise<boolean> {
  const model = id === undefined ? await pickModelToDownload(management) : findCatalogModel(management, id);
  if (!model) {
    if (id !== undefined) await showModelsError(management, new ModelsError('unknown-model', `"${id}" is not in Inkwell's model catalog.`));
    return false;
  }
  return ensureDownloaded(management, model, options.use ? 'use' : 'offer');
}

/**
 * Downloads what the model still needs for the current `inkwell.dtype`, then uses it (`use`),
 * offers to (`offer`), or leaves the setting alone (`keep`). False when it failed or was cancelled.
 */
export async function ensureDownloaded(management: ModelManagement, model: CatalogModel, then: 'use' | 'offer' | 'keep'): Promise<boolean> {
  const installed = await management.store.installed(model.id);
  const missing = installed ? await management.store.missingFiles(installed) : [];
  const present = missing.length === 0 ? (installed?.precisions ?? []) : [];
  const precision = precisionToDownload(model, present, management.settings().dtype);
  try {
    if (precision !== undefined && !(await downloadWithProgress(management, model, precision))) return false;
  } catch (error) {
    await showModelsError(management, error);
    return false;
  }
  if (then === 'use') {
    await setModelSetting(model.id);
  } else if (then === 'offer' && management.settings().model !== model.id) {
    void vscode.window.showInformationMessage(`Inkwell: ${model.label} is ready.`, 'Use It Now').then(async (picked) => {
      if (picked) await setModelSetting(model.id);
    });
  }
  return true;
}

async function pickModelToDownload(management: ModelManagement): Promise<CatalogModel | undefined> {
  const installed = new Set((await management.store.list()).map((model) => model.id));
  const dtype = management.settings().dtype;
  const picked = await vscode.window.showQuickPick(
    management.catalog.map((model) => ({
      label: `${installed.has(model.id) ? '$(check)' : '$(cloud-download)'} ${model.label}`,
      description: `${readsText(model)} · ${sizeText(model, choosePrecision(model, dtype))}`,
      detail: model.summary,
      model,
    })),
    { title: 'Inkwell: Download Model', placeHolder: 'Models are downloaded from the Hugging Face Hub (inkwell.hub.endpoint) and run on this machine.', matchOnDescription: true },
  );
  return picked?.model;
}
