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
    .filter({ has: page.locator('.label-name', { hasText: exactly(idOrTitle) }) });
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
 * until it is the active editor. Quick Open ranks recently opened and fuzzy matches first
 * (`a.txt` also matches `docs/a.txt`) and re-renders as file search results arrive, so the row is
 * picked by name and folder once the list has settled, and the result is checked through the
 * page title (`window.title` is the active file's relative path, see userSettings.ts). */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  // A webview that takes focus while it (re)loads can close Quick Open under us (the row is still
  // in the DOM but hidden) or come to the front just after the pick; either attempt is given up
  // quickly and made again.
  for (let attempt = 1; ; attempt++) {
    try {
      await pickInQuickOpen(page, relativePath);
      await page.waitForFunction((expected) => document.title === expected, relativePath, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

async function pickInQuickOpen(page: Page, relativePath: string): Promise<void> {
  const input = await openQuickInput(page, 'Control+P');
  await input.fill(relativePath);
  const slash = relativePath.lastIndexOf('/');
  const fileName = relativePath.slice(slash + 1);
  const folder = slash < 0 ? '' : relativePath.slice(0, slash);
  const rows = page.locator(`${widget} .monaco-list-row`);
  const row = rows
    .filter({ has: page.locator('.label-name', { hasText: exactly(fileName) }) })
    // Files at the workspace root have no description; the others show their folder.
    .filter(
      folder === ''
        ? { hasNot: page.locator('.label-description', { hasText: /./ }) }
        : { has: page.locator('.label-description', { hasText: exactly(folder) }) },
    )
    .first();
  await row.waitFor({ timeout: 15_000 });
  await waitUntilSettled(rows);
  await row.click({ timeout: 5_000 });
}

/** Waits until the rows' labels stay the same for a short while. */
async function waitUntilSettled(rows: Locator, quietMs = 250, timeoutMs = 10_000): Promise<void> {
  const labels = (): Promise<string> => rows.evaluateAll((all) => all.map((r) => r.getAttribute('aria-label')).join('\n'));
  const deadline = Date.now() + timeoutMs;
  let previous = await labels();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await labels();
    if (current === previous) {
      return;
    }
    previous = current;
  }
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

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
