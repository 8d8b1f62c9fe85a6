/**
 * Where `scripts/e2e/setup.sh` put Node 24 and code-server, checked before anything starts so a
 * missing install fails with the fix instead of a spawn error, and lavapipe.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface E2eInstallation {
  /** Node 24: code-server 4.139 refuses to run on anything else. */
  readonly node: string;
  /** code-server's CLI entry point, run with `node`. */
  readonly codeServerEntry: string;
  /** Chromium binary; Debian's package by default, `INKWELL_E2E_CHROMIUM` overrides it. */
  readonly chromium: string;
}

/** Same default and override as setup.sh. */
const cacheDir = process.env.INKWELL_E2E_CACHE ?? join(import.meta.dirname, '..', '..', '.cache', 'e2e');

export function findInstallation(): E2eInstallation {
  const installation: E2eInstallation = {
    node: join(cacheDir, 'node24', 'bin', 'node'),
    codeServerEntry: join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.INKWELL_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing = Object.values(installation).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`e2e tools missing (${missing.join(', ')}); run: bash scripts/e2e/setup.sh`);
  }
  return installation;
}

/**
 * The Vulkan manifest of the lavapipe driver setup.sh fetched (Mesa's CPU driver, the one adapter
 * here with shader-f16), for VK_ICD_FILENAMES; undefined where setup.sh has not run.
 */
export function findLavapipe(): string | undefined {
  const manifest = join(cacheDir, 'lavapipe', 'lvp_icd.json');
  return existsSync(manifest) ? manifest : undefined;
}
