/**
 * Model management in the extension host: the catalog (plus test entries from
 * INKWELL_TEST_CATALOG), the store under global storage, and the commands to select, download,
 * use a folder, manage models and set the Hub token.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../../services';
import { BUILT_IN_CATALOG } from '../common/catalog/builtInCatalog';
import type { CatalogModel } from '../common/catalog/catalogModel';
import { ModelDownloads } from '../node/modelDownloads';
import { ModelStore } from '../node/modelStore';
import { readTestCatalog } from '../node/testCatalog';
import { downloadModelCommand, type DownloadOptions } from './downloadModelCommand';
import { setHubToken } from './hubToken';
import { manageModelsCommand } from './manageModelsCommand';
import { offerMissingModel } from './missingModelPrompt';
import type { ModelManagement } from './modelManagement';
import { selectModelCommand } from './selectModelCommand';
import { useLocalModelFolderCommand } from './useLocalModelFolderCommand';

export function registerModelManagement(context: vscode.ExtensionContext, services: InkwellServices): void {
  const management: ModelManagement = {
    catalog: catalogWithTestEntries(services.log),
    store: new ModelStore(context.globalStorageUri.fsPath),
    downloads: new ModelDownloads(),
    log: services.log,
    secrets: context.secrets,
    extensionPath: context.extensionPath,
    userAgent: `inkwell/${context.extension.packageJSON.version}; vscode/${vscode.version}`,
    settings: services.settings,
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.selectModel', () => selectModelCommand(management)),
    vscode.commands.registerCommand('inkwell.downloadModel', (id?: string, options?: DownloadOptions) => downloadModelCommand(management, id, options)),
    vscode.commands.registerCommand('inkwell.useLocalModelFolder', (folder?: string) => useLocalModelFolderCommand(management, folder)),
    vscode.commands.registerCommand('inkwell.manageModels', () => manageModelsCommand(management)),
    vscode.commands.registerCommand('inkwell.setHubToken', () => setHubToken(context.secrets)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('inkwell.model')) void offerMissingModel(management);
    }),
  );
  void offerMissingModel(management);
}

function catalogWithTestEntries(log: vscode.LogOutputChannel): CatalogModel[] {
  try {
    const testEntries = readTestCatalog(process.env);
    if (testEntries.length > 0) log.warn(`Model catalog: ${testEntries.length} test entries added (${testEntries.map((m) => m.id).join(', ')}).`);
    return [...BUILT_IN_CATALOG, ...testEntries];
  } catch (error) {
    log.error(`Model catalog: test entries ignored: ${error instanceof Error ? error.message : String(error)}`);
    return [...BUILT_IN_CATALOG];
  }
}
