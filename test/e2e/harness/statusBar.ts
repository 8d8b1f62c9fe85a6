/**
 * Status bar entries. VS Code gives each entry's element the id
 * `<publisher>.<extension>.<item id>` for `createStatusBarItem(id, ...)`, and `status.*` for its own.
 */
import type { Locator, Page } from 'playwright-core';

/** The entry with that element id, or else the first entry whose text contains `idOrText`. */
export function statusBarItem(page: Page, idOrText: string): Locator {
  const byId = page.locator(`.statusbar-item[id="${idOrText.replace(/["\\]/g, '\\$&')}"]`);
  const byText = page.locator('.statusbar-item', { hasText: idOrText });
  return byId.or(byText).first();
}
