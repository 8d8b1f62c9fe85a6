/**
 * One e2e test's world: code-server with the given extensions, Chromium showing its workbench,
 * a network log and an artifacts folder, started together and torn down together.
 */
import type { Browser, Page } from 'playwright-core';
import { createArtifacts, type Artifacts } from './artifacts';
import { launchBrowser, newWorkbenchContext, type BrowserOptions } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { recordNetwork, type NetworkLog } from './networkLog';
import { Workbench } from './workbench';

export interface SessionOptions extends CodeServerOptions, BrowserOptions {
  /** Names the artifacts folder `test-results/e2e/<testName>/`; pass node:test's `t.name`. */
  readonly testName: string;
}

export interface Session {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly workbench: Workbench;
  readonly network: NetworkLog;
  readonly artifacts: Artifacts;
  /** Milliseconds from `startSession` until the workbench was usable. */
  readonly workbenchReadyMs: number;
  /** Screenshot of the current state as the next numbered step. */
  step(name: string): Promise<string>;
  /** Saves a last screenshot, the network log, browser console and VS Code logs into the
   * artifacts folder, then closes the browser and stops code-server. */
  close(): Promise<void>;
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const startedAt = Date.now();
  const artifacts = await createArtifacts(options.testName);
  const server = await startCodeServer(options);
  const browser = await launchBrowser(options).catch(async (error: unknown) => {
    await server.stop({ saveLogsTo: artifacts.dir });
    throw error;
  });
  const context = await newWorkbenchContext(browser);
  const network = recordNetwork(context);
  const page = await context.newPage();
  const consoleLines: string[] = [];
  // Webview frames' console output arrives here too, which is where engine errors show up.
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  const workbench = new Workbench(page);

  const close = async (): Promise<void> => {
    await artifacts.screenshot(page, 'at-close').catch(() => undefined);
    network.stop();
    await artifacts.writeText('network.json', JSON.stringify(network.requests, null, 2));
    await artifacts.writeText('browser-console.log', consoleLines.join('\n'));
    await browser.close();
    await server.stop({ saveLogsTo: artifacts.dir });
  };
  try {
    await workbench.open(server.workbenchUrl);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    server,
    browser,
    page,
    workbench,
    network,
    artifacts,
    workbenchReadyMs: Date.now() - startedAt,
    step: (name) => artifacts.screenshot(page, name),
    close,
  };
}
