/**
 * Packs an extension folder into a .vsix with the project's own vsce, non-interactively.
 * The extension must already be built (bundled), since dependencies are not packed.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const vsce = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'vsce');

export interface PackOptions {
  /** Folder with the extension's package.json. It needs a `.vscodeignore` (or a `files` list)
   * that keeps `.cache/`, `test-results/` and sources out, or they all end up in the .vsix. */
  readonly extensionRoot: string;
  readonly outFile: string;
}

export async function packExtension({ extensionRoot, outFile }: PackOptions): Promise<string> {
  await promisify(execFile)(
    vsce,
    [
      'package',
      '--out', outFile,
      // Bundled by esbuild: node_modules has nothing the extension loads at run time.
      '--no-dependencies',
      // vsce 3 otherwise stops to ask about a missing LICENSE file or repository field.
      '--skip-license',
      '--allow-missing-repository',
    ],
    { cwd: extensionRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return outFile;
}
