import { access, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelFiles } from '../../api';
import { EngineError } from '../../errors';

/** A model folder on the local disk (Node: the CLI and tests). */
export function nodeModelFiles(folder: string): ModelFiles {
  const root = resolve(folder);
  const inside = (path: string) => join(root, path);
  return {
    location: root,
    exists: async (path) => access(inside(path)).then(() => true, () => false),
    readText: async (path) => readFile(inside(path), 'utf8').catch((cause: unknown) => missing(root, path, cause)),
    readBytes: async (path, onProgress) => {
      const bytes = await readFile(inside(path)).catch((cause: unknown) => missing(root, path, cause));
      const { size } = await stat(inside(path));
      onProgress?.(size, size);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

function missing(root: string, path: string, cause: unknown): never {
  throw new EngineError('missing-file', `The model folder ${root} has no readable ${path}.`, { cause });
}
