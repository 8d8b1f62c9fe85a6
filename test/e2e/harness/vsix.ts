/**
 * Packs an extension folder into a .vsix with the project's own vsce, non-interactively, for this
 * machine's platform where onnxruntime-node has a binary for it: vsce's production build
 * (vscode:prepublish) then puts that platform's native CPU runtime into the package, as
 * `npm run package:target` does, and the extension runs as a user's platform-specific install.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nativeTargetOf } from '../../../scripts/package/nativeRuntimeFiles';

const vsce = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'vsce');

export interface PackOptions {
  /** Folder with the extension's package.json. It needs a `.vscodeignore` (or a `files` list)
   * that keeps `.cache/`, `test-results/` and sources out, or they all end up in the .vsix. */
  readonly extensionRoot: string;
  readonly outFile: string;
}

export async function packExtension({ extensionRoot, outFile }: PackOptions): Promise<string> {
  const here = `${process.platform}-${process.arch}`;
  const target = nativeTargetOf(here) ? here : undefined;
  await promisify(execFile)(
    vsce,
    [
      'package',
      '--out', outFile,
      ...(target ? ['--target', target] : []),
      // Bundled by esbuild; the one native dependency is in dist/node_modules/ (scripts/build.ts).
      '--no-dependencies',
      // vsce 3 otherwise stops to ask about a missing LICENSE file or repository field.
      '--skip-license',
      '--allow-missing-repository',
    ],
    { cwd: extensionRoot, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...(target && { INKWELL_TARGET: target }) } },
  );
  return outFile;
}
