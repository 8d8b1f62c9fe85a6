/** The ghost text VS Code draws for an inline suggestion in the active editor. */
import type { Locator, Page } from 'playwright-core';

const activeEditor = '.editor-group-container.active .monaco-editor';

/** The inline part (`ghost-text-decoration`) and any further lines (`ghost-text` view zones). */
export function ghostText(page: Page): Locator {
  return page.locator(`${activeEditor} .ghost-text-decoration, ${activeEditor} .ghost-text`);
}

/** The suggestion's text as drawn (VS Code draws spaces as no-break spaces). */
export async function ghostTextContent(page: Page): Promise<string> {
  const parts = await ghostText(page).allTextContents();
  return parts.join('').replace(/\u00a0/g, ' ');
}
