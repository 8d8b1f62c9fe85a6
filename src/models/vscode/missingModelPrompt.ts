/**
 * When `inkwell.model` names a catalog model that is not on this machine (set by hand, or synced
 * from another machine), offers to download it instead of letting the first request fail.
 */
import * as vscode from 'vscode';
import { choosePrecision } from '../common/choosePrecision';
import { sizeText } from '../common/describeModelChoices';
import { ensureDownloaded } from './downloadModelCommand';
import { readHubSettings } from './hubSettings';
import { findCatalogModel, type ModelManagement } from './modelManagement';

export async function offerMissingModel(management: ModelManagement): Promise<void> {
  const settings = management.settings();
  const model = findCatalogModel(management, settings.model);
  if (!model || readHubSettings().offline || management.downloads.isDownloading(model.id)) return;
  if (await management.store.installed(model.id)) return;
  const size = sizeText(model, choosePrecision(model, settings.dtype));
  const picked = await vscode.window.showInformationMessage(
    `Inkwell's model ${model.label} is not on this machine yet (${size}). Download it from the Hugging Face Hub?`,
    'Download',
    'Choose Another Model',
  );
  if (picked === 'Download') await ensureDownloaded(management, model, 'keep');
  if (picked === 'Choose Another Model') await vscode.commands.executeCommand('inkwell.selectModel');
}
