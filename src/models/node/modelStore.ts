/**
 * The downloaded models under the extension's global storage. A model's folder is exactly where
 * `inkwell.model` looks for a catalog id (config/modelLocation.ts), so a landed download is usable
 * at once. Downloads are staged under `downloads/` and only verified files ever move into
 * `models/`; a new model appears with one directory rename, so no one sees half a model.
 * Each model folder holds `.inkwell-model.json` (hidden, so the engine never serves it): the
 * commit and the verified size and digest of every file, recorded by the first download.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { locateModel } from '../../config/modelLocation';
import type { Precision } from '../common/catalog/catalogModel';
import type { ExpectedFile } from '../common/checkAgainstCatalog';

export interface InstalledModel {
  id: string;
  repo: string;
  /** The commit every file came from. */
  commit: string;
  endpoint: string;
  precisions: Precision[];
  files: ExpectedFile[];
  installedAt: string;
}

export const MANIFEST_NAME = '.inkwell-model.json';

export class ModelStore {
  constructor(
    /** `context.globalStorageUri.fsPath` */
    readonly storagePath: string,
  ) {}

  folderOf(id: string): string {
    return locateModel(id, { extensionPath: '', globalStoragePath: this.storagePath }).folder;
  }

  /** Where one download's files wait until they are all verified. */
  stagingOf(id: string, commit: string): string {
    return join(this.downloadsOf(id), commit);
  }

  downloadsOf(id: string): string {
    return join(this.storagePath, 'downloads', keyOf(id));
  }

  lockPathOf(id: string): string {
    return join(this.storagePath, 'downloads', `${keyOf(id)}.lock`);
  }

  /** The model's manifest, or undefined when it is not (completely) downloaded. */
  async installed(id: string): Promise<InstalledModel | undefined> {
    const text = await readFile(join(this.folderOf(id), MANIFEST_NAME), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const manifest = JSON.parse(text) as InstalledModel;
      return manifest.id === id && Array.isArray(manifest.files) ? manifest : undefined;
    } catch {
      return undefined;
    }
  }

  /** Files the manifest lists that are gone or have another size (deleted by hand, disk trouble). */
  async missingFiles(model: InstalledModel): Promise<string[]> {
    const folder = this.folderOf(model.id);
    const missing: string[] = [];
    for (const file of model.files) {
      const size = await stat(join(folder, file.path)).then((info) => info.size, () => -1);
      if (size !== file.size) missing.push(file.path);
    }
    return missing;
  }

  async list(): Promise<InstalledModel[]> {
    const root = join(this.storagePath, 'models');
    const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
    const ids = entries.filter((entry) => entry.endsWith(`${sep}${MANIFEST_NAME}`)).map((entry) => dirname(entry).split(sep).join('/'));
    const models = await Promise.all(ids.map((id) => this.installed(id)));
    return models.filter((model): model is InstalledModel => model !== undefined).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Bytes the model's folder takes. */
  async diskUsage(id: string): Promise<number> {
    return folderSize(this.folderOf(id));
  }

  /** Bytes of unfinished downloads kept to resume. */
  async unfinishedBytes(id: string): Promise<number> {
    return folderSize(this.downloadsOf(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.folderOf(id), { recursive: true, force: true });
    await this.removeUnfinished(id);
  }

  /** Drops the partial files a failed download kept to resume from. */
  async removeUnfinished(id: string): Promise<void> {
    await rm(this.downloadsOf(id), { recursive: true, force: true });
  }

  /**
   * Moves the verified `files` from `staging` into the model's folder and records `manifest`. A
   * model not yet on disk is assembled next to the store and renamed into place in one step; a
   * model that gains a precision gets its new files first and the manifest that names them last.
   */
  async land(staging: string, files: readonly string[], manifest: InstalledModel): Promise<void> {
    const folder = this.folderOf(manifest.id);
    const exists = await stat(folder).then(() => true, () => false);
    const target = exists ? folder : join(this.storagePath, 'downloads', `.landing-${randomUUID()}`);
    for (const path of files) {
      await mkdir(dirname(join(target, path)), { recursive: true });
      await rename(join(staging, path), join(target, path));
    }
    await writeJsonAtomically(join(target, MANIFEST_NAME), manifest);
    if (!exists) {
      await mkdir(dirname(folder), { recursive: true });
      await rename(target, folder);
    }
  }
}

/** `org/name` → `org--name`, like the Hub's own cache folders. */
function keyOf(id: string): string {
  return id.split(/[\\/]/).filter((part) => part && part !== '.' && part !== '..').join('--');
}

async function folderSize(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    if (entry.isFile()) total += await stat(join(entry.parentPath, entry.name)).then((info) => info.size, () => 0);
  }
  return total;
}

export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temporary, path);
}
