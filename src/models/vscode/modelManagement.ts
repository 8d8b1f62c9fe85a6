/** What the model commands share: the catalog, the store, this window's downloads, where to log. */
import type * as vscode from 'vscode';
import type { InkwellSettings } from '../../config/settings';
import type { CatalogModel } from '../common/catalog/catalogModel';
import type { ModelDownloads } from '../node/modelDownloads';
import type { ModelStore } from '../node/modelStore';

export interface ModelManagement {
  catalog: readonly CatalogModel[];
  store: ModelStore;
  downloads: ModelDownloads;
  log: vscode.LogOutputChannel;
  secrets: vscode.SecretStorage;
  extensionPath: string;
  /** Sent with every Hub request: `inkwell/<version>; vscode/<version>`. */
  userAgent: string;
  settings(): InkwellSettings;
}

export function findCatalogModel(management: ModelManagement, id: string): CatalogModel | undefined {
  return management.catalog.find((model) => model.id === id);
}
