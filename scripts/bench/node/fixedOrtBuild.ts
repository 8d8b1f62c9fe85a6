import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { patchOrtBuild } from '../../ortPatches';

/**
 * The URL of onnxruntime-web's `build` (a file of its `dist`) with the fixes the webview's bundle
 * gets (scripts/ortPatches.ts): a fixed copy in .cache/, or the installed file where they do not
 * apply: the device pack's, fixed when it was packed (or an ORT whose code has changed, where the
 * engine falls back to what it does without them).
 */
export function fixedOrtBuild(dist: string, build: string): string {
  const installed = join(dist, build);
  let fixed: string;
  try {
    fixed = patchOrtBuild(installed, readFileSync(installed, 'utf8'));
  } catch {
    return pathToFileURL(installed).href;
  }
  const dir = join(import.meta.dirname, '..', '..', '..', '.cache', 'ort-fixed');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, build);
  writeFileSync(copy, fixed);
  return pathToFileURL(copy).href;
}
