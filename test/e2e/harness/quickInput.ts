/**
 * The command palette and Quick Open, driven like a user: open the widget, type, pick a row.
 * Rows carry the command id (`data-quick-input-id`), so a command can be picked by id exactly,
 * not just by its (localisable, changeable) title.
 */
import type { Locator, Page } from 'playwright-core';

const widget = '.quick-input-widget';

/** Runs a command from the command palette, by id (`inkwell.draft`) or by exact title
 * (`Inkwell: Draft`), and waits for the palette to close. */
export async function runCommand(page: Page, idOrTitle: string): Promise<void> {
  const input = await openQuickInput(page, 'F1');
  await input.fill(`>${idOrTitle}`);
  const byId = page.locator(`${widget} .quick-input-list-entry[data-quick-input-id="${cssString(idOrTitle)}"]`);
  const byTitle = page
    .locator(`${widget} .monaco-list-row`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(idOrTitle)}$`) }) });
  const row = byId.or(byTitle).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    const offered = await page.locator(`${widget} .monaco-list-row`).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    await page.keyboard.press('Escape');
    throw new Error(`no command "${idOrTitle}" in the palette; it offered: ${offered.join(' | ') || 'nothing'}`);
  }
  await row.click();
  await page.locator(widget).waitFor({ state: 'hidden' });
}

/** Opens a workspace file through Quick Open (Ctrl+P) by its workspace-relative path and waits
 * for its tab to be the active one. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const input = await openQuickInput(page, 'Control+P');
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop() ?? relativePath;
  // The best match is first once results for this query (not the recent-files list) arrive.
  const firstResult = page.locator(`${widget} .monaco-list-row[aria-label*="file results"]`).first();
  await firstResult.waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${cssString(fileName)}"]`).waitFor();
}

async function openQuickInput(page: Page, key: string): Promise<Locator> {
  const input = page.locator(`${widget} .quick-input-box input`);
  await page.keyboard.press(key);
  await input.waitFor();
  return input;
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
