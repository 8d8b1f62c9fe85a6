/**
 * Where the folder of the model named by `inkwell.model` lives. Pure path logic, no VS Code API:
 * `demo:<name>` is a model bundled in the extension's `dist/models/`, a path is a folder of the
 * user's, and any other value is a catalog id whose download lives in global storage.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export interface ModelRoots {
  /** The extension's install folder. */
  extensionPath: string;
  /** `context.globalStorageUri.fsPath`. */
  globalStoragePath: string;
}

export interface ModelLocation {
  folder: string;
  kind: 'demo' | 'folder' | 'catalog';
}

export function locateModel(setting: string, roots: ModelRoots): ModelLocation {
  if (setting.startsWith('demo:')) {
    return { kind: 'demo', folder: join(roots.extensionPath, 'dist', 'models', ...idSegments(setting.slice('demo:'.length))) };
  }
  if (setting === '~' || setting.startsWith('~/')) return { kind: 'folder', folder: join(homedir(), setting.slice(1)) };
  if (isAbsolute(setting)) return { kind: 'folder', folder: setting };
  return { kind: 'catalog', folder: join(roots.globalStoragePath, 'models', ...idSegments(setting)) };
}

/** `org/name` ids keep their shape as folder levels, minus anything that could climb out. */
function idSegments(id: string): string[] {
  return id.split(/[\\/]/).filter((segment) => segment && segment !== '.' && segment !== '..');
}
