/**
 * The drafting commands in real VS Code, on the bundled random-weight tiny-llama (WebGPU on
 * SwiftShader). Its text is gibberish, so the tests check structure: what was replaced or
 * extended, that one undo restores the original, that a cancel leaves no half edit behind.
 * One code-server session serves every test in this file; each test has a document of its own.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Workbench } from '../harness/workbench';
import { quietWorkbenchSettings } from '../harness/userSettings';
import { sharedDraftingSession } from './support/sharedDraftingSession';
import { answerQuickInput, clickNotificationButton, editorContextMenu, editUserSettings, notification, pickQuickPickItem, selectOnly, undo, waitForGenerationsToEnd, waitForText } from '../harness/workbenchUi';

/** The commands below open a quick pick or an input box, which the harness's `runCommand` (it
 * waits for the palette to close) cannot follow: they run from their keybindings instead. */
const DRAFT_KEY = 'Control+Shift+Alt+D';
const REWRITE_KEY = 'Control+Shift+Alt+R';

const PARAGRAPH = 'Our release went out on Tuesday and it has many fixes.';
const note = (title: string) => `# ${title}\n\nIntro line.\n\n${PARAGRAPH}\n\nClosing line.\n`;

const USER_SETTINGS = {
  'inkwell.model': 'demo:tiny-llama',
  // SwiftShader on two cores writes one to four tokens a second: a few show text streaming in
  // and keep CI short. The tests that stop a generation half-way ask for more (see below).
  'inkwell.generation.maxNewTokens': 8,
  'inkwell.generation.temperature': 0,
  // Each save closes VS Code's open undo element, so a stream's edits end up in several; one
  // undo must restore the original all the same (measured: without the final restore-and-apply
  // step, undo left part of the stream behind under this setting).
  'files.autoSave': 'afterDelay',
  'files.autoSaveDelay': 100,
};

const FILES = {
  'improve.md': note('Improve'),
  'continue.md': note('Continue'),
  'summarize.md': note('Summarize'),
  'rewrite.md': note('Rewrite'),
  'cancel-improve.md': note('Cancel improve'),
  'cancel-continue.md': note('Cancel continue'),
  'typing.md': note('Typing'),
};

/** The text of a test document before and after the paragraph the tests select. */
function around(file: keyof typeof FILES): [string, string] {
  const [above, below] = FILES[file].split(PARAGRAPH);
  return [above, below];
}

/**
 * Waits for the generation in `file` to end and its text to read as `expected` says. Text that
 * arrived means the progress notification is up; it goes as the generation ends, a moment before
 * the result lands as its one undo step (the region is put back, then the result goes in), so
 * the text is read until it holds.
 */
async function finished(wb: Workbench, file: keyof typeof FILES, expected: (text: string) => boolean): Promise<string> {
  await waitForText(wb, (text) => text !== FILES[file]);
  await waitForGenerationsToEnd(wb.page);
  return waitForText(wb, expected, 15_000);
}

describe('drafting commands', { timeout: 600_000 }, () => {
  const shared = sharedDraftingSession('drafting commands', FILES, USER_SETTINGS);

  it('Improve replaces the selection with streamed text that one undo takes back', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('improve.md');
    await selectOnly(wb, PARAGRAPH);
    await shared.session.page.keyboard.press(DRAFT_KEY);
    await pickQuickPickItem(shared.session.page, 'Improve');
    await shared.session.step('improve picked');
    await finished(wb, 'improve.md', (text) => {
      const [above, below] = around('improve.md');
      return text.startsWith(above) && text.endsWith(below) && !text.includes(PARAGRAPH) && text.length > above.length + below.length;
    });
    await shared.session.step('improved');
    await undo(wb);
    await waitForText(wb, (text) => text === FILES['improve.md'], 5_000);
    await shared.session.step('improve undone');
  });
  it('Continue writing extends the text at the cursor and one undo takes it back', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('continue.md');
    await selectOnly(wb, PARAGRAPH);
    await shared.session.page.keyboard.press('ArrowRight');
    await wb.runCommand('inkwell.continueWriting');
    await finished(wb, 'continue.md', (text) => {
      const [above, below] = around('continue.md');
      return text.startsWith(above + PARAGRAPH) && text.endsWith(below) && text.length > FILES['continue.md'].length;
    });
    await shared.session.step('continued');
    await undo(wb);
    await waitForText(wb, (text) => text === FILES['continue.md'], 5_000);
  });

  it('Summarize adds a paragraph after the selection and keeps the selection', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('summarize.md');
    await selectOnly(wb, PARAGRAPH);
    await editorContextMenu(wb, ['Inkwell', 'Draft from Selection…']);
    await pickQuickPickItem(shared.session.page, 'Summarize');
    await finished(wb, 'summarize.md', (text) => {
      const [above, below] = around('summarize.md');
      const summary = text.slice(above.length + PARAGRAPH.length, text.length - below.length);
      // A paragraph of its own between the selection and what followed it.
      return text.startsWith(above + PARAGRAPH) && text.endsWith(below) && /^\n\n\S[\s\S]*\S$/.test(summary);
    });
    await shared.session.step('summarized');
    await undo(wb);
    await waitForText(wb, (text) => text === FILES['summarize.md'], 5_000);
  });

  it('Rewrite shows a diff, changes nothing when rejected and replaces the selection when accepted', async () => {
    const wb = shared.session.workbench;
    await wb.openFile('rewrite.md');
    await selectOnly(wb, PARAGRAPH);
    await shared.session.page.keyboard.press(REWRITE_KEY);
    await answerQuickInput(shared.session.page, 'Make it friendlier');
    await notification(shared.session.page, /Apply Inkwell's rewrite to rewrite\.md\?/).waitFor({ timeout: 120_000 });
    await shared.session.step('rewrite diff to reject');
    assert.equal(await shared.session.page.locator('.tabs-container .tab', { hasText: 'rewrite.md ↔ Inkwell rewrite' }).count(), 1);
    await clickNotificationButton(shared.session.page, /Apply Inkwell's rewrite/, 'Reject');
    await shared.session.page.locator('.tabs-container .tab', { hasText: 'Inkwell rewrite' }).waitFor({ state: 'detached' });
    await shared.session.page.waitForFunction(() => document.title === 'rewrite.md');
    assert.equal(await wb.editor.readText(), FILES['rewrite.md']);
    assert.equal(await shared.session.page.locator('.tabs-container .tab', { hasText: 'Inkwell rewrite' }).count(), 0);

    await selectOnly(wb, PARAGRAPH);
    await shared.session.page.keyboard.press(REWRITE_KEY);
    await answerQuickInput(shared.session.page, 'Make it friendlier');
    await notification(shared.session.page, /Apply Inkwell's rewrite to rewrite\.md\?/).waitFor({ timeout: 120_000 });
    await clickNotificationButton(shared.session.page, /Apply Inkwell's rewrite/, 'Accept');
    await shared.session.page.waitForFunction(() => document.title === 'rewrite.md');
    await waitForText(
      wb,
      (text) => {
        const [above, below] = around('rewrite.md');
        return text.startsWith(above) && text.endsWith(below) && !text.includes(PARAGRAPH) && text.length > above.length + below.length;
      },
      10_000,
    );
    await shared.session.step('rewrite accepted');
    await undo(wb);
    await waitForText(wb, (text) => text === FILES['rewrite.md'], 5_000);
  });

  describe('stopping half-way', () => {
    // Long enough that the stop always comes before the end.
    before(() => editUserSettings(shared.session, { ...quietWorkbenchSettings, ...USER_SETTINGS, 'inkwell.generation.maxNewTokens': 400 }));

    it('Cancel from the progress notification puts a half-streamed replacement back', async () => {
      const wb = shared.session.workbench;
      await wb.openFile('cancel-improve.md');
      await selectOnly(wb, PARAGRAPH);
      await shared.session.page.keyboard.press(DRAFT_KEY);
      await pickQuickPickItem(shared.session.page, 'Improve');
      await waitForText(wb, (text) => text !== FILES['cancel-improve.md']);
      await shared.session.step('improving, before cancel');
      await clickNotificationButton(shared.session.page, 'Inkwell: Improving', 'Cancel');
      // The notification goes at the click; the original comes back a moment later.
      await waitForText(wb, (text) => text === FILES['cancel-improve.md'], 30_000);
      await shared.session.step('improve cancelled');
    });

    it('Inkwell: Stop Generating keeps what a continuation streamed so far, as one undo step', async () => {
      const wb = shared.session.workbench;
      await wb.openFile('cancel-continue.md');
      await selectOnly(wb, PARAGRAPH);
      await shared.session.page.keyboard.press('ArrowRight');
      await wb.runCommand('inkwell.continueWriting');
      await waitForText(wb, (text) => text !== FILES['cancel-continue.md']);
      await wb.runCommand('inkwell.cancel');
      await finished(wb, 'cancel-continue.md', (text) => {
        const [above, below] = around('cancel-continue.md');
        return text.startsWith(above + PARAGRAPH) && text.endsWith(below) && text !== FILES['cancel-continue.md'];
      });
      await shared.session.step('continuation stopped');
      await undo(wb);
      await waitForText(wb, (text) => text === FILES['cancel-continue.md'], 5_000);
    });

    it('Typing in the document while text streams in stops the stream and keeps both', async () => {
      const wb = shared.session.workbench;
      await wb.openFile('typing.md');
      await selectOnly(wb, PARAGRAPH);
      await shared.session.page.keyboard.press('ArrowRight');
      await wb.runCommand('inkwell.continueWriting');
      await waitForText(wb, (text) => text !== FILES['typing.md']);
      await shared.session.page.keyboard.press('Control+Home');
      await shared.session.page.keyboard.type('Edited: ');
      await notification(shared.session.page, 'Inkwell stopped writing because the document changed').waitFor({ timeout: 30_000 });
      await finished(wb, 'typing.md', (text) => {
        const [above, below] = around('typing.md');
        return text.startsWith(`Edited: ${above}${PARAGRAPH}`) && text.endsWith(below);
      });
      await shared.session.step('stopped by typing');
    });
  });
});
