/**
 * The active text editor, driven through the keyboard like a user. Monaco renders only visible
 * lines, so the full text is read by copying it: the editor's own copy handler puts the whole
 * model text on the `copy` event, which is captured in the page (no clipboard permission or
 * system clipboard involved).
 */
import type { Page } from 'playwright-core';

const activeEditor = '.editor-group-container.active .monaco-editor';

export class TextEditor {
  constructor(private readonly page: Page) {}

  /** Gives the active editor keyboard focus without moving its cursor. */
  async focus(): Promise<void> {
    // VS Code 1.139 edits through the EditContext API; older builds and
    // `editor.editContext: false` use a hidden textarea instead.
    await this.page.locator(`${activeEditor} .native-edit-context, ${activeEditor} textarea.inputarea`).first().focus();
  }

  /** Puts the cursor at the end of the document. Focuses the editor first: a key pressed right
   * after a file opens or a webview reloads can land elsewhere, and a draft then starts at line 1. */
  async goToEnd(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+End');
  }

  /** The full document text of the active editor; its selection is left as it was. */
  async readText(): Promise<string> {
    await this.focus();
    await this.page.evaluate(() => {
      const target = window as unknown as { inkwellE2eCopied?: Promise<string> };
      target.inkwellE2eCopied = new Promise((resolve, reject) => {
        window.addEventListener('copy', (event) => resolve(event.clipboardData?.getData('text/plain') ?? ''), { once: true });
        setTimeout(() => reject(new Error('no copy event: is a text editor active?')), 5_000);
      });
    });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    // Cursor Undo restores the selection Select All replaced.
    await this.page.keyboard.press('Control+U');
    return this.page.evaluate(() => (window as unknown as { inkwellE2eCopied: Promise<string> }).inkwellE2eCopied);
  }

  /** Selects the one occurrence of `text` (may span lines; matched case-insensitively, as the
   * Find widget does by default). Fails if it occurs zero or several times. */
  async selectText(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator(`${activeEditor} .find-widget .find-part textarea`);
    await find.fill(text);
    const count = this.page.locator(`${activeEditor} .find-widget .matchesCount`);
    try {
      await count.filter({ hasText: /^1 of 1$/ }).waitFor({ timeout: 5_000 });
    } catch {
      const found = await count.textContent();
      await this.page.keyboard.press('Escape');
      throw new Error(`expected "${text}" exactly once in the editor, Find says: ${found}`);
    }
    // Select All Matches turns the single match into the selection and focuses the editor.
    await this.page.keyboard.press('Alt+Enter');
    await this.page.keyboard.press('Escape');
    await this.page.locator(`${activeEditor} .find-widget.visible`).waitFor({ state: 'hidden' });
  }

  /** Types at the cursor, key by key, so auto-closing and other editor behaviour applies. */
  async type(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(text);
  }
}
