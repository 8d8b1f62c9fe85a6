/**
 * Workbench parts the tests drive beyond the Workbench class: quick picks and input boxes a
 * command opens, notifications and their buttons, context menus, the code action menu, undo,
 * and a synthetic paste of an image.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Session } from './session';
import type { Workbench } from './workbench';

const quickInput = '.quick-input-widget';

/** Picks the row with exactly this label in the quick pick a command opened. */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  const row = page
    .locator(`${quickInput} .monaco-list-row`)
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
    .first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

/** Types into the open input box or quick pick filter and presses Enter. */
export async function answerQuickInput(page: Page, text: string): Promise<void> {
  const input = page.locator(`${quickInput} .quick-input-box input`);
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** A notification toast that says `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

export async function clickNotificationButton(page: Page, text: string | RegExp, button: string): Promise<void> {
  const toast = notification(page, text);
  await toast.waitFor({ timeout: 60_000 });
  await toast.locator('.monaco-button', { hasText: exactly(button) }).first().click();
}

/**
 * Selects the one occurrence of `text` through the harness's `selectText`, which waits for Find to
 * say "1 of 1". Find keeps its term across editors and shows "? of 1" when the same term is
 * searched again in another one, so the term is cleared first.
 */
export async function selectOnly(wb: Workbench, text: string): Promise<void> {
  await wb.editor.focus();
  await wb.page.keyboard.press('Control+F');
  await wb.page.locator('.editor-group-container.active .monaco-editor .find-widget .find-part textarea').fill('');
  await wb.page.keyboard.press('Escape');
  await wb.editor.selectText(text);
}

/** Right-clicks a row of the explorer and picks a context menu entry by its title. Early in a
 * session the menu can open before the extension's entries are registered: then it is closed and
 * opened again. */
export async function explorerContextMenu(wb: Workbench, fileName: string, entry: string): Promise<void> {
  await wb.runCommand('workbench.view.explorer');
  const row = wb.page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: wb.page.locator('.label-name', { hasText: exactly(fileName) }) })
    .first();
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    try {
      await clickMenuEntry(wb.page, entry, 5_000);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await wb.page.keyboard.press('Escape');
    }
  }
  await wb.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'detached' });
}

/** Opens the editor's context menu at the cursor (Shift+F10) and follows a path of entries
 * through submenus (`['Inkwell', 'Draft from Selection…']`). */
export async function editorContextMenu(wb: Workbench, path: string[]): Promise<void> {
  await wb.editor.focus();
  await wb.page.keyboard.press('Shift+F10');
  for (const entry of path) await clickMenuEntry(wb.page, entry);
  await wb.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'detached' });
}

/** A menu that has just opened ignores a click that comes too soon, as the mouse-up of the
 * right-click that opened it would be: point at the entry first and click until it reacts. */
async function clickMenuEntry(page: Page, entry: string, timeoutMs = 10_000): Promise<void> {
  const item = page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: exactly(entry) }).last();
  await item.waitFor({ timeout: timeoutMs });
  await item.hover();
  for (let attempt = 0; attempt < 5 && (await item.isVisible()); attempt++) {
    await item.click().catch(() => undefined);
    await page.waitForTimeout(300);
    // A submenu entry stays visible once its submenu is open: the next entry is in it.
    if (await page.locator('.context-view .monaco-menu').count() > 1) return;
  }
}

/**
 * Opens the code action menu at the cursor (Ctrl+.) and runs the action with this title. Once in
 * CI the menu had not shown the action 10 s after the key (the same test then passed twice alone;
 * the cause was not found), so the key is pressed again, up to three times, while it lacks it.
 */
export async function runCodeAction(wb: Workbench, title: string): Promise<void> {
  const row = wb.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await wb.editor.focus();
    await wb.page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await wb.page.keyboard.press('Escape');
    }
  }
  await row.click();
}

export async function undo(wb: Workbench): Promise<void> {
  await wb.editor.focus();
  await wb.page.keyboard.press('Control+Z');
}

/** Reads the active editor's document until `accept` says yes; gives the last text it read in the error. */
export async function waitForText(wb: Workbench, accept: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    // The engine webview is in front of the editor for a moment when it first opens.
    const read = await wb.editor.readText().catch(() => undefined);
    if (read !== undefined && accept(read)) return read;
    text = read ?? text;
    await wb.page.waitForTimeout(300);
  }
  throw new Error(`the document never got as expected; it reads:\n${text}`);
}

/** Polls `probe` until it gives something. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing came within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Waits until no progress notification of Inkwell's is left. */
export async function waitForGenerationsToEnd(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'Inkwell:' }).first().waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Changes user settings the way a user does, in settings.json inside VS Code (code-server does
 * not notice the file changing on disk): the whole file is replaced by pasting, so no
 * auto-closing or suggestion gets in the way, then saved and closed.
 */
export async function editUserSettings(s: Session, settings: Record<string, unknown>): Promise<void> {
  const wb = s.workbench;
  await wb.runCommand('workbench.action.openSettingsJson');
  // VS Code 1.139 shows settings.json in a modal editor, outside the editor groups.
  const editor = wb.page.locator('.monaco-editor[data-uri$="/User/settings.json"]').first();
  await editor.locator('.native-edit-context, textarea.inputarea').first().focus();
  await wb.page.keyboard.press('Control+A');
  await wb.page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/plain', content);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(settings, null, 2));
  await wb.page.keyboard.press('Control+S');
  // Closing before the save landed would close it unsaved.
  const file = join(s.server.userDataDir, 'User', 'settings.json');
  const saved = JSON.stringify(settings);
  // Read until it parses: the save can be caught half-written.
  const savedNow = async () => JSON.stringify(JSON.parse(await readFile(file, 'utf8'))) === saved;
  await waitFor(async () => ((await savedNow().catch(() => false)) ? true : undefined), 10_000);
  await wb.page.keyboard.press('Control+W');
  await editor.waitFor({ state: 'detached' });
}

/** The active editor tab's label, as the tab shows it (name and description). */
export function activeTab(page: Page, hasText: string | RegExp): Locator {
  return page.locator('.tabs-container .tab.active', { hasText });
}

/** Pastes an image into the focused editor as the browser does: a `paste` event whose clipboard
 * data holds the file (no system clipboard involved). */
export async function pasteImage(wb: Workbench, png: Uint8Array, fileName = 'image.png'): Promise<void> {
  await wb.editor.focus();
  await wb.page.evaluate(
    ({ bytes, name }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { bytes: [...png], name: fileName },
  );
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
