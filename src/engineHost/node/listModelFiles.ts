/** Lists a model folder's files (relative `/` paths and sizes) for the engine webview. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ModelFileEntry } from '../../../webview/protocol/engineProtocol';

export async function listModelFiles(folder: string): Promise<ModelFileEntry[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: ModelFileEntry[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(folder, absolute).split(sep);
    // Hidden entries (`.git`, `.cache`) belong to download tools, never to the model.
    if (path.some((segment) => segment.startsWith('.'))) continue;
    // stat follows symbolic links, as in a Hugging Face cache snapshot, whose files link to blobs.
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isFile()) files.push({ path: path.join('/'), size: info.size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
