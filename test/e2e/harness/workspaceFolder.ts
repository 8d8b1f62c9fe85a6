/** A throwaway workspace folder with the files a test names; removed when the test is done. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodePng, solidImage } from '../../builders/testImages';

export interface WorkspaceFolder {
  readonly path: string;
  read(relativePath: string): Promise<Buffer>;
  remove(): Promise<void>;
}

export async function aWorkspaceFolder(files: Record<string, string | Uint8Array>): Promise<WorkspaceFolder> {
  const path = await mkdtemp(join(tmpdir(), 'inkwell-e2e-workspace-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(path, name)), { recursive: true });
    await writeFile(join(path, name), content);
  }
  return {
    path,
    read: (relativePath) => readFile(join(path, relativePath)),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** colour-vlm answers "red" for it. */
export function aRedPng(): Buffer {
  return encodePng(solidImage(32, 32, [230, 20, 20]));
}
