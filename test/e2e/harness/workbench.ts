/**
 * Page object for one VS Code window in the browser: what a test does with the workbench,
 * in the workbench's own terms. Each piece lives in its own module; this gathers them.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { openFile, runCommand } from './quickInput';
import { statusBarItem } from './statusBar';
import { TextEditor } from './textEditor';
import { findWebviewFrame, type WebviewQuery } from './webviewFrame';

export class Workbench {
  readonly editor: TextEditor;

  constructor(readonly page: Page) {
    this.editor = new TextEditor(page);
  }

  /** Loads the workbench at `url` (a `CodeServer.workbenchUrl`) and waits until it is usable. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  /** The workbench shell and status bar are rendered. Extensions activate a few seconds later:
   * wait for something of your extension's (a status bar item, a command) after this. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
  }

  /** Reloads the window (as Developer: Reload Window does) and waits until it is usable again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilReady();
  }

  /** See quickInput.ts: by command id or exact title. */
  runCommand(idOrTitle: string): Promise<void> {
    return runCommand(this.page, idOrTitle);
  }

  /** Opens a workspace file by its workspace-relative path. */
  openFile(relativePath: string): Promise<void> {
    return openFile(this.page, relativePath);
  }

  /** See statusBar.ts: by element id (`publisher.extension.itemId`) or by text. */
  statusBarItem(idOrText: string): Locator {
    return statusBarItem(this.page, idOrText);
  }

  /** The content frame of a webview; open its view first (e.g. run `<viewId>.focus`). */
  webview(query: WebviewQuery): Promise<Frame> {
    return findWebviewFrame(this.page, query);
  }
}
