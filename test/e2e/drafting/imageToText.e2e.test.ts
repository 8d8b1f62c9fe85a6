/**
 * Image to text in real VS Code, on the bundled colour-vlm (the default model), which answers
 * the colour of an image: a solid red PNG must come back as "red" wherever the text lands. WebGPU
 * on SwiftShader; one code-server session for the whole file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quietWorkbenchSettings } from '../harness/userSettings';
import { sharedDraftingSession } from './support/sharedDraftingSession';
import { aRedPng } from '../harness/workspaceFolder';
import {
  activeTab,
  clickNotificationButton,
  editorContextMenu,
  editUserSettings,
  explorerContextMenu,
  notification,
  pasteImage,
  pickQuickPickItem,
  runCodeAction,
  selectOnly,
  undo,
  waitFor,
  waitForGenerationsToEnd,
  waitForText,
} from '../harness/workbenchUi';

const FILES = {
  'red.png': aRedPng(),
  'alt.md': '# Alt text\n\n![](red.png)\n\nAfter.\n',
  'caption.md': '# Caption\n\n![screenshot](red.png)\n\nAfter.\n',
  'paste.md': '# Paste\n\nHere: \n',
};

const USER_SETTINGS = {
  // Makes Inkwell's paste the one a plain paste applies, instead of an option in the paste widget.
  'editor.pasteAs.preferences': ['markdown.link.image.inkwell'],
};

describe('image to text', { timeout: 600_000 }, () => {
  const shared = sharedDraftingSession('image to text', FILES, USER_SETTINGS);

  it('pasting an image into Markdown, as the first thing of the session, saves it next to the document, links it at once and then writes its alt text', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('paste.md');
    // Through the editor's own Find: keys sent to a window this fresh can land before the editor has focus.
    await selectOnly(wb, 'Here: ');
    await shared.session.page.keyboard.press('End');
    await pasteImage(wb, aRedPng());
    const saved = await waitFor(() => shared.workspace.read('image.png').catch(() => undefined), 30_000);
    assert.deepEqual(saved, aRedPng());
    await waitForText(wb, (text) => text === '# Paste\n\nHere: ![](image.png)\n' || text === '# Paste\n\nHere: ![red](image.png)\n');
    await shared.session.step('image pasted');
    // The alt text streams in after the paste, as its own undo step.
    await waitForText(wb, (text) => text === '# Paste\n\nHere: ![red](image.png)\n', 120_000);
    await undo(wb);
    await waitForText(wb, (text) => text === '# Paste\n\nHere: ![](image.png)\n', 5_000);
  });

  it('Describe Image on a file in the explorer opens the description in a new document', async () => {
    const wb = shared.session.workbench;
    await explorerContextMenu(wb, 'red.png', 'Describe Image…');
    await pickQuickPickItem(shared.session.page, 'Description');
    await activeTab(shared.session.page, 'Untitled-1').waitFor({ timeout: 120_000 });
    await shared.session.step('description opened');
    assert.match(await wb.editor.readText(), /\bred\b/i);
  });

  it('the Generate alt text quick fix fills in empty alt text, as one undo step', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('alt.md');
    await selectOnly(wb, '![](red.png)');
    await runCodeAction(wb, 'Generate alt text');
    const text = await waitForText(wb, (current) => current !== FILES['alt.md']);
    await waitForGenerationsToEnd(shared.session.page);
    await shared.session.step('alt text generated');
    assert.equal(await wb.editor.readText(), '# Alt text\n\n![red](red.png)\n\nAfter.\n', text);
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['alt.md']);
  });

  it('Describe Image on a Markdown image under the cursor adds a caption after it', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('caption.md');
    await selectOnly(wb, '![screenshot](red.png)');
    await editorContextMenu(wb, ['Inkwell', 'Describe Image…']);
    await pickQuickPickItem(shared.session.page, 'Caption');
    await waitForText(wb, (current) => current !== FILES['caption.md']);
    await waitForGenerationsToEnd(shared.session.page);
    await shared.session.step('caption added');
    assert.match(await wb.editor.readText(), /^# Caption\n\n!\[screenshot\]\(red\.png\)\n\nred\S*\n\nAfter\.\n$/i);
  });

  it('offers the image model when the chosen one reads text only, and then describes the image', async () => {
    const wb = shared.session.workbench;
    await editUserSettings(shared.session, { ...quietWorkbenchSettings, ...USER_SETTINGS, 'inkwell.model': 'demo:tiny-llama' });
    await shared.session.page.locator('.statusbar-item', { hasText: 'tiny-llama' }).waitFor({ timeout: 120_000 });
    await explorerContextMenu(wb, 'red.png', 'Describe Image…');
    await pickQuickPickItem(shared.session.page, 'Alt text');
    await notification(shared.session.page, /reads text only/).waitFor({ timeout: 120_000 });
    await shared.session.step('text-only model');
    await clickNotificationButton(shared.session.page, /reads text only/, 'Use demo:colour-vlm');
    await activeTab(shared.session.page, 'Untitled-2').waitFor({ timeout: 120_000 });
    assert.match(await wb.editor.readText(), /^red\n?$/i);
  });
});
