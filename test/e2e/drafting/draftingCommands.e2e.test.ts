/**
 * The drafting commands in real VS Code, on the bundled random-weight tiny-llama (WebGPU on
 * SwiftShader). Its text is gibberish, so the tests check structure: what was replaced or
 * extended, that one undo restores the original, that a cancel leaves no half edit behind.
 * One code-server session serves every test in this file; each test has a document of its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSession, type Session } from '../harness/session';
import { packedInkwell } from './support/packedInkwell';
import { aWorkspaceFolder, type WorkspaceFolder } from './support/workspaceFolder';
import { answerQuickInput, clickNotificationButton, editorContextMenu, notification, pickQuickPickItem, selectOnly, undo, waitForGenerationsToEnd, waitForText } from './support/workbenchUi';

/** The commands below open a quick pick or an input box, which the harness's `runCommand` (it
 * waits for the palette to close) cannot follow: they run from their keybindings instead. */
const DRAFT_KEY = 'Control+Shift+Alt+D';
const REWRITE_KEY = 'Control+Shift+Alt+R';

const PARAGRAPH = 'Our release went out on Tuesday and it has many fixes.';
const note = (title: string) => `# ${title}\n\nIntro line.\n\n${PARAGRAPH}\n\nClosing line.\n`;

const FILES = {
  'improve.md': note('Improve'),
  'continue.md': note('Continue'),
  'summarize.md': note('Summarize'),
  'rewrite.md': note('Rewrite'),
  'cancel.md': note('Cancel'),
  'typing.md': note('Typing'),
};

describe('drafting commands', { timeout: 600_000 }, () => {
  let workspace: WorkspaceFolder;
  let s: Session;

  before(async () => {
    workspace = await aWorkspaceFolder(FILES);
    s = await startSession({
      testName: 'drafting commands',
      workspaceFolder: workspace.path,
      extensions: [await packedInkwell()],
      webgpu: true,
      userSettings: {
        'inkwell.model': 'demo:tiny-llama',
        // SwiftShader on two cores writes about a token a second: enough to see text stream in
        // and to cancel half-way, short enough for CI.
        'inkwell.generation.maxNewTokens': 8,
        'inkwell.generation.temperature': 0,
      },
    });
  });

  after(async () => {
    await s?.close();
    await workspace?.remove();
  });

  it('Improve replaces the selection with streamed text that one undo takes back', async () => {
    const wb = s.workbench;
    await wb.openFile('improve.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press(DRAFT_KEY);
    await pickQuickPickItem(s.page, 'Improve');
    await s.step('improve picked');
    await waitForText(wb, (text) => !text.includes(PARAGRAPH));
    await waitForGenerationsToEnd(s.page);
    const improved = await wb.editor.readText();
    await s.step('improved');
    assert.ok(improved.startsWith('# Improve\n\nIntro line.\n\n'), improved);
    assert.ok(improved.endsWith('\n\nClosing line.\n'), improved);
    assert.ok(!improved.includes(PARAGRAPH));
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['improve.md']);
    await s.step('improve undone');
  });
  it('Continue writing extends the text at the cursor and one undo takes it back', async () => {
    const wb = s.workbench;
    await wb.openFile('continue.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press('ArrowRight');
    await wb.runCommand('inkwell.continueWriting');
    await waitForText(wb, (text) => text !== FILES['continue.md']);
    await waitForGenerationsToEnd(s.page);
    const continued = await wb.editor.readText();
    await s.step('continued');
    const [before, after] = FILES['continue.md'].split(PARAGRAPH);
    assert.ok(continued.startsWith(before + PARAGRAPH), continued);
    assert.ok(continued.endsWith(after), continued);
    assert.ok(continued.length > FILES['continue.md'].length);
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['continue.md']);
  });

  it('Summarize adds a paragraph after the selection and keeps the selection', async () => {
    const wb = s.workbench;
    await wb.openFile('summarize.md');
    await selectOnly(wb, PARAGRAPH);
    await editorContextMenu(wb, ['Inkwell', 'Draft from Selection…']);
    await pickQuickPickItem(s.page, 'Summarize');
    await waitForText(wb, (text) => text !== FILES['summarize.md']);
    await waitForGenerationsToEnd(s.page);
    const summarized = await wb.editor.readText();
    await s.step('summarized');
    const [before, after] = FILES['summarize.md'].split(PARAGRAPH);
    assert.ok(summarized.startsWith(`${before}${PARAGRAPH}\n\n`), summarized);
    assert.ok(summarized.endsWith(after), summarized);
    const summary = summarized.slice(before.length + PARAGRAPH.length, summarized.length - after.length);
    assert.match(summary, /^\n\n\S[\s\S]*\S$/, 'the summary is a paragraph of its own');
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['summarize.md']);
  });

  it('Rewrite shows a diff, changes nothing when rejected and replaces the selection when accepted', async () => {
    const wb = s.workbench;
    await wb.openFile('rewrite.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press(REWRITE_KEY);
    await answerQuickInput(s.page, 'Make it friendlier');
    await notification(s.page, /Apply Inkwell's rewrite to rewrite\.md\?/).waitFor({ timeout: 120_000 });
    await s.step('rewrite diff to reject');
    assert.equal(await s.page.locator('.tabs-container .tab', { hasText: 'rewrite.md ↔ Inkwell rewrite' }).count(), 1);
    await clickNotificationButton(s.page, /Apply Inkwell's rewrite/, 'Reject');
    await s.page.locator('.tabs-container .tab', { hasText: 'Inkwell rewrite' }).waitFor({ state: 'detached' });
    await s.page.waitForFunction(() => document.title === 'rewrite.md');
    assert.equal(await wb.editor.readText(), FILES['rewrite.md']);

    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press(REWRITE_KEY);
    await answerQuickInput(s.page, 'Make it friendlier');
    await notification(s.page, /Apply Inkwell's rewrite to rewrite\.md\?/).waitFor({ timeout: 120_000 });
    await clickNotificationButton(s.page, /Apply Inkwell's rewrite/, 'Accept');
    await s.page.waitForFunction(() => document.title === 'rewrite.md');
    const rewritten = await waitForText(wb, (text) => text !== FILES['rewrite.md'], 10_000);
    await s.step('rewrite accepted');
    const [before, after] = FILES['rewrite.md'].split(PARAGRAPH);
    assert.ok(rewritten.startsWith(before) && rewritten.endsWith(after) && !rewritten.includes(PARAGRAPH), rewritten);
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['rewrite.md']);
  });

  it('Cancel from the progress notification puts a half-streamed replacement back', async () => {
    const wb = s.workbench;
    await wb.openFile('cancel.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press(DRAFT_KEY);
    await pickQuickPickItem(s.page, 'Improve');
    await waitForText(wb, (text) => text !== FILES['cancel.md']);
    await s.step('improving, before cancel');
    await clickNotificationButton(s.page, 'Inkwell: Improving', 'Cancel');
    await waitForGenerationsToEnd(s.page);
    await s.step('improve cancelled');
    assert.equal(await wb.editor.readText(), FILES['cancel.md']);
  });

  it('Inkwell: Stop Generating keeps what a continuation streamed so far, as one undo step', async () => {
    const wb = s.workbench;
    await wb.openFile('cancel.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press('ArrowRight');
    await wb.runCommand('inkwell.continueWriting');
    await waitForText(wb, (text) => text !== FILES['cancel.md']);
    await wb.runCommand('inkwell.cancel');
    await waitForGenerationsToEnd(s.page);
    const kept = await wb.editor.readText();
    await s.step('continuation stopped');
    const [before, after] = FILES['cancel.md'].split(PARAGRAPH);
    assert.ok(kept.startsWith(before + PARAGRAPH) && kept.endsWith(after) && kept !== FILES['cancel.md'], kept);
    await undo(wb);
    assert.equal(await wb.editor.readText(), FILES['cancel.md']);
  });

  it('Typing in the document while text streams in stops the stream and keeps both', async () => {
    const wb = s.workbench;
    await wb.openFile('typing.md');
    await selectOnly(wb, PARAGRAPH);
    await s.page.keyboard.press('ArrowRight');
    await wb.runCommand('inkwell.continueWriting');
    await waitForText(wb, (text) => text !== FILES['typing.md']);
    await s.page.keyboard.press('Control+Home');
    await s.page.keyboard.type('Edited: ');
    await notification(s.page, 'Inkwell stopped writing because the document changed').waitFor({ timeout: 30_000 });
    await waitForGenerationsToEnd(s.page);
    await s.step('stopped by typing');
    const text = await wb.editor.readText();
    const [before, after] = FILES['typing.md'].split(PARAGRAPH);
    assert.ok(text.startsWith(`Edited: ${before}${PARAGRAPH}`), text);
    assert.ok(text.endsWith(after), text);
  });
});
