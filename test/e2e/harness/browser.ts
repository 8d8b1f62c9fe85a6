/**
 * Headless Chromium (Debian's build) driven by playwright-core. Playwright's own browser
 * downloads are unreachable here, so it always runs the system binary.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { findInstallation } from '../../../scripts/e2e/installation';
import { chromiumLoopbackArgs } from './loopbackOnly';

export interface BrowserOptions {
  /** Exposes `navigator.gpu` with an adapter (SwiftShader on machines without a GPU). */
  readonly webgpu?: boolean;
}

/** The size every screenshot has, so artifacts from different runs compare side by side. */
export const viewport = { width: 1400, height: 900 } as const;

export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: findInstallation().chromium,
    headless: true,
    args: [
      // CI runs as root, where Chromium's sandbox cannot start.
      '--no-sandbox',
      '--no-first-run',
      ...chromiumLoopbackArgs,
      ...(options.webgpu ? ['--enable-unsafe-webgpu'] : []),
    ],
  });
}

/** A fresh context per test: no cookies, storage or service workers carried over. */
export async function newWorkbenchContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport });
}
