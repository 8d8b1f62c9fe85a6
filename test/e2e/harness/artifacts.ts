/**
 * Per-test output under `test-results/e2e/<test-name>/`: numbered step screenshots
 * (`01-workbench-ready.png`, `02-...`) and text files such as logs, so a failed CI run can be
 * read step by step afterwards.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const resultsRoot = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e');

export interface Artifacts {
  readonly dir: string;
  /** Saves `NN-<step>.png` of the whole page and returns its path. */
  screenshot(page: Page, step: string): Promise<string>;
  /** Saves a text file (a log, a JSON dump) next to the screenshots and returns its path. */
  writeText(name: string, content: string): Promise<string>;
}

/** Starts from an empty folder so screenshots from an earlier run never mix in. */
export async function createArtifacts(testName: string): Promise<Artifacts> {
  const dir = join(resultsRoot, slug(testName));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let step = 0;
  return {
    dir,
    async screenshot(page, name) {
      step += 1;
      const path = join(dir, `${String(step).padStart(2, '0')}-${slug(name)}.png`);
      await page.screenshot({ path });
      return path;
    },
    async writeText(name, content) {
      const path = join(dir, slug(name, /[^a-z0-9.]+/g));
      await writeFile(path, content);
      return path;
    },
  };
}

function slug(text: string, unsafe = /[^a-z0-9]+/g): string {
  return text.toLowerCase().replace(unsafe, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'unnamed';
}
