/** Bytes an unprivileged process may still write on the disk holding `path`. */
import { mkdir, statfs } from 'node:fs/promises';

export async function freeDiskSpace(path: string): Promise<number> {
  await mkdir(path, { recursive: true });
  const info = await statfs(path);
  return info.bavail * info.bsize;
}
