/** A file's digest as the Hub states it: sha256 of the content (LFS), or git's blob sha1 (`git hash-object`). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileDigest } from '../common/catalog/catalogModel';

export async function digestOfFile(path: string, algorithm: FileDigest['algorithm']): Promise<string> {
  const hash = createHash(algorithm === 'sha256' ? 'sha256' : 'sha1');
  if (algorithm === 'git-sha1') hash.update(`blob ${(await stat(path)).size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
