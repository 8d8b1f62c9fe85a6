/**
 * A headless Chromium page running a piece of the chat webview's code, bundled from TypeScript:
 * for the parts that need a real DOM (the sanitizer, the views).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumPath = process.env.INKWELL_E2E_CHROMIUM ?? '/usr/bin/chromium';
const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** A reason to skip, for `describe`'s `skip`, where there is no Chromium. */
export const noChromium = !existsSync(chromiumPath) && `no Chromium at ${chromiumPath}`;

export interface WebviewCodePage {
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * Opens `html` and runs `script` in it, bundled as an IIFE with imports resolved from the
 * repository root. `prepare` runs before the page loads anything (routes, listeners).
 */
export async function openWebviewCodePage(script: string, html: string, prepare?: (page: Page) => Promise<void>): Promise<WebviewCodePage> {
  const bundle = await esbuild.build({
    stdin: { contents: script, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await prepare?.(page);
  await page.setContent(html);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return { browser, page };
}
