/**
 * The built extension as a .vsix, packed once and reused while nothing it holds has changed:
 * vsce takes ~20 s on two cores, and each e2e file runs in a process of its own.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packExtension } from './vsix';

const root = join(import.meta.dirname, '..', '..', '..');
const vsix = join(root, 'test-results', 'e2e', 'inkwell-drafting.vsix');

/** Needs `npm run build` first. */
export async function packedInkwell(): Promise<string> {
  const packedAt = await modifiedAt(vsix);
  const inputs = await Promise.all(['package.json', 'dist/extension.js', 'dist/webview/engineHost.js'].map((file) => modifiedAt(join(root, file))));
  if (inputs.includes(0)) throw new Error('the extension is not built: run `npm run build` first');
  if (packedAt > Math.max(...inputs)) return vsix;
  await mkdir(dirname(vsix), { recursive: true });
  return packExtension({ extensionRoot: root, outFile: vsix });
}

async function modifiedAt(path: string): Promise<number> {
  return stat(path).then((info) => info.mtimeMs, () => 0);
}
