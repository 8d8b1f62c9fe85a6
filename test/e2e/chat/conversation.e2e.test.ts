/**
 * The chat view end to end in code-server, one session shared by the steps of this file (each
 * step starts where the one before left off): a streamed reply, regenerate, edit and resend,
 * stop, a pasted image read by the colour model, the history after a window reload, a code
 * block inserted at the cursor, put in place of the selection and opened as a new file, the
 * Markdown export, a 500-message conversation, keyboard-only use, and a dark theme.
 *
 * The bundled text model has random weights and cannot write a code block, so the reply with
 * one comes from a stored conversation, written with the extension's own codec before the reload.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeConversation } from '../../../src/chat/node/conversationCodec';
import { aConversation, aLongConversation, aReply, aUserEntry } from '../../builders/chatConversations';
import { encodePng, solidImage } from '../../builders/testImages';
import { startSession, type Session } from '../harness/session';
import { packExtension } from '../harness/vsix';
import { ChatPanel } from './chatPanel';
import { measureResponsiveness } from './responsiveness';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const DRAFT = '# Draft\n\nFirst line.\n\nLast line.\n';
const CODE = 'const answer = 42;';
// WASM in the webview: no GPU is needed, the engine starts faster than on SwiftShader, and a
// 1,900-token reply is still streaming when the stop test presses Escape (the native CPU runtime,
// which "auto" would pick here, writes it in a few seconds).
const SETTINGS = {
  'inkwell.model': 'demo:tiny-llama',
  'inkwell.device': 'wasm',
  'inkwell.engine.cpuRuntime': 'webview',
  'inkwell.generation.temperature': 0,
};

describe('Inkwell chat view', { timeout: 900_000 }, () => {
  let s: Session;
  let chat: ChatPanel;

  before(async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'inkwell-chat-ws-'));
    await mkdir(join(workspace, 'notes'));
    await writeFile(join(workspace, 'notes', 'draft.md'), DRAFT);
    const vsix = await packExtension({ extensionRoot: repoRoot, outFile: join(tmpdir(), 'inkwell-chat-e2e.vsix') });
    s = await startSession({
      testName: 'chat-conversation',
      workspaceFolder: workspace,
      extensions: [vsix],
      userSettings: SETTINGS,
    });
    chat = await ChatPanel.open(s.workbench);
  });
  after(() => s?.close());

  it('streams a reply to a message, rendered as it arrives, with its speed', async () => {
    await chat.setMaxTokens(24);
    await chat.send('Hello Inkwell');
    await chat.frame.locator('li.entry.assistant.streaming').waitFor({ timeout: 120_000 });
    await s.step('reply streaming');
    assert.equal(await chat.waitForReplyEnd(), 'done');
    assert.notEqual(await chat.replyText(), '');
    assert.match((await chat.lastReply.locator('.reply-stats').textContent()) ?? '', /tokens\/s · first token in \d+ ms/);
    await s.step('reply done');
  });

  it('regenerates a reply in its place', async () => {
    await chat.setMaxTokens(16);
    const before = await chat.lastReply.getAttribute('data-entry-id');
    const count = await chat.entries.count();
    await chat.lastReply.getByRole('button', { name: 'Regenerate' }).click();
    await waitUntil(async () => (await chat.lastReply.getAttribute('data-entry-id')) !== before);
    assert.equal(await chat.waitForReplyEnd(), 'done');
    assert.notEqual(await chat.lastReply.getAttribute('data-entry-id'), before);
    assert.equal(await chat.entries.count(), count);
  });

  it('edits an earlier message and resends from there', async () => {
    const before = await chat.lastReply.getAttribute('data-entry-id');
    const first = chat.frame.locator('li.entry.user').first();
    await first.getByRole('button', { name: 'Edit and Resend' }).click();
    const edit = chat.frame.getByRole('textbox', { name: 'Edit message' });
    await edit.fill('Hello again');
    await edit.press('Enter');
    await waitUntil(async () => (await chat.lastReply.getAttribute('data-entry-id')) !== before);
    assert.equal(await chat.waitForReplyEnd(), 'done');
    assert.equal(await chat.entries.count(), 2);
    assert.equal(await chat.frame.locator('li.entry.user .user-text').textContent(), 'Hello again');
    await s.step('edited and resent');
  });

  it('stops a reply mid-stream with Escape, and the message box stays responsive meanwhile', async (t) => {
    await chat.button('New Chat').click();
    // Near tiny-llama's 2,048-token context, so the reply is still streaming after the typing below.
    await chat.setMaxTokens(1900);
    await chat.send('Tell me a long story');
    const sentAt = Date.now();
    const streaming = chat.frame.locator('li.entry.assistant.streaming');
    await streaming.waitFor({ timeout: 60_000 });
    await streaming.locator('.reply-body:not(:has(.typing))').waitFor({ timeout: 60_000 });
    t.diagnostic(`first text shown ${Date.now() - sentAt} ms after sending`);
    const responsiveness = await measureResponsiveness(chat, 'typing while the reply streams');
    t.diagnostic(`while streaming: ${JSON.stringify(responsiveness)}`);
    await s.artifacts.writeText('responsiveness-streaming.json', JSON.stringify(responsiveness, null, 2));
    await s.step('typing while streaming');
    assert.equal(await streaming.count(), 1, 'the reply was still streaming when Escape was pressed (if its text only showed at the end, see "The engine yields between tokens" in docs/chat-panel.md)');
    await chat.input.fill('');
    await chat.input.press('Escape');
    assert.equal(await chat.waitForReplyEnd(10_000), 'stopped');
    const tokens = Number.parseInt((await chat.lastReply.locator('.reply-stats').getAttribute('title')) ?? '', 10);
    assert.ok(tokens > 0 && tokens < 1900, `generated ${tokens} tokens before the stop`);
    assert.equal(await chat.lastReply.locator('.reply-status').textContent(), 'Stopped');
    assert.equal(responsiveness.keys, responsiveness.typed, 'every key typed showed up');
    await s.step('reply stopped');
  });

  it('reads a pasted image with the image model, after a one-click switch from a text-only one', async () => {
    await chat.button('New Chat').click();
    await chat.pasteImage(encodePng(solidImage(96, 64, [220, 30, 25])), 'red.png', 'image/png');
    await chat.frame.locator('.composer .thumbnail img').waitFor();
    const notice = chat.frame.getByRole('alert').filter({ hasText: 'cannot read images' });
    await notice.waitFor({ timeout: 30_000 });
    await s.step('image notice');
    await notice.getByRole('button', { name: /Switch to Colour VLM/ }).click();
    await notice.waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal(await chat.frame.getByRole('combobox', { name: 'Model' }).inputValue(), 'demo:colour-vlm');
    await chat.send('What colour is this?');
    assert.equal(await chat.waitForReplyEnd(), 'done');
    assert.equal(await chat.replyText(), 'red');
    assert.equal(await chat.frame.locator('li.entry.user .thumbnail img').count(), 1);
    await s.step('image answered');
  });

  it('finds the conversations in the history after a window reload', async () => {
    const storage = await chatStorageFolder(s.server.userDataDir);
    const code = aConversation([aUserEntry('Give me a constant'), aReply(`Here it is:\n\n\`\`\`ts\n${CODE}\n\`\`\``)], { title: 'Code sample', updatedAt: 1_700_000_100_000 });
    const long = aLongConversation(500, { updatedAt: 1_700_000_000_000 });
    await writeFile(join(storage, `${code.id}.json`), encodeConversation(code));
    await writeFile(join(storage, `${long.id}.json`), encodeConversation(long));
    await s.workbench.reload();
    chat = await ChatPanel.open(s.workbench);
    // The conversation that was open comes back open.
    await chat.frame.locator('li.entry.user .thumbnail img').waitFor();
    const items = await chat.openHistory();
    await items.first().waitFor();
    const titles = await items.locator('.history-title').allTextContents();
    assert.deepEqual(titles, ['What colour is this?', 'Tell me a long story', 'Hello Inkwell', 'Code sample', 'A long conversation of 500 messages']);
    await chat.frame.getByRole('searchbox', { name: 'Search chats' }).fill('hello again');
    await chat.frame.locator('.history-item').filter({ hasText: 'Hello Inkwell' }).waitFor();
    await waitUntil(async () => (await chat.frame.locator('.history-item').count()) === 1);
    await s.step('history search');
    await chat.frame.getByRole('searchbox', { name: 'Search chats' }).fill('');
  });

  it('inserts a code block of a reply at the editor cursor', async () => {
    await chat.frame.locator('.history-item').filter({ hasText: 'Code sample' }).getByRole('button').first().click();
    await chat.frame.locator('.code-block').waitFor();
    await s.workbench.openFile('notes/draft.md');
    await s.workbench.editor.goToEnd();
    await chat.frame.locator('.code-block').getByRole('button', { name: 'Insert at Cursor' }).click();
    await waitUntil(async () => (await s.workbench.editor.readText()) === `${DRAFT}${CODE}`);
    await s.step('code inserted');
  });

  it('replaces the editor selection with a code block after a diff preview, and opens one as a new file', async () => {
    // Insert left draft.md in front; Quick Open on an already open file is needlessly racy.
    if ((await s.page.title()) !== 'notes/draft.md') await s.workbench.openFile('notes/draft.md');
    await s.workbench.editor.selectText('First line.');
    await chat.frame.locator('.code-block').getByRole('button', { name: 'Replace Selection (with Diff Preview)' }).click();
    await s.page.locator('.tab', { hasText: 'Inkwell code block' }).waitFor({ timeout: 30_000 });
    const toast = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Replace the selection in draft.md' });
    await toast.waitFor({ timeout: 30_000 });
    await s.step('replace preview');
    await toast.getByRole('button', { name: 'Replace' }).click();
    await waitUntil(async () => (await s.workbench.editor.readText()) === `${DRAFT.replace('First line.', CODE)}${CODE}`);
    await chat.frame.locator('.code-block').getByRole('button', { name: 'Open in New File' }).click();
    await waitUntil(async () => (await s.workbench.editor.readText().catch(() => '')) === CODE);
  });

  it('exports a conversation to Markdown', async () => {
    const items = await chat.openHistory();
    await items.filter({ hasText: 'Hello Inkwell' }).getByRole('button', { name: /^Export/ }).click();
    let markdown = '';
    await waitUntil(async () => (markdown = await s.workbench.editor.readText().catch(() => '')).startsWith('# Hello Inkwell'));
    assert.match(markdown, /^## You\n\nHello again$/m);
    assert.match(markdown, /^## Inkwell \(demo:tiny-llama\)$/m);
    await s.step('exported');
  });

  it('opens a 500-message conversation and scrolls back to its first message smoothly', async (t) => {
    const items = await chat.openHistory();
    const startedAt = Date.now();
    await items.filter({ hasText: 'A long conversation' }).getByRole('button').first().click();
    await chat.frame.locator('li.entry').last().filter({ hasText: 'Question 250' }).or(chat.frame.locator('li.entry').last().filter({ hasText: 'Answer 250' })).waitFor();
    const openMs = Date.now() - startedAt;
    const scroll = await chat.frame.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.transcript-scroller')!;
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))));
      observer.observe({ type: 'longtask' });
      const frames: number[] = [];
      let last = performance.now();
      const startedAt = last;
      while (!document.querySelector('li.entry')?.textContent?.includes('Question 1:') && performance.now() - startedAt < 60_000) {
        scroller.scrollTop -= 600;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      observer.disconnect();
      frames.sort((a, b) => a - b);
      return {
        reachedFirst: document.querySelector('li.entry')?.textContent?.includes('Question 1:') ?? false,
        ms: Math.round(performance.now() - startedAt),
        frames: frames.length,
        medianFrameMs: Math.round(frames[frames.length >> 1]!),
        p95FrameMs: Math.round(frames[Math.floor(frames.length * 0.95)]!),
        longTasks,
      };
    });
    t.diagnostic(`500 messages: opened in ${openMs} ms; scroll to top ${JSON.stringify(scroll)}`);
    await s.artifacts.writeText('long-conversation.json', JSON.stringify({ openMs, scroll }, null, 2));
    assert.ok(scroll.reachedFirst, 'scrolled back to the first message');
    assert.equal(await chat.entries.count(), 500);
    await s.step('long conversation');
  });

  it('is usable by keyboard alone: one tab stop for the transcript, arrows between messages, Tab to their actions', async () => {
    const focused = () => chat.frame.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute('aria-label') ?? element?.tagName ?? '';
    });
    await chat.input.focus();
    await chat.input.press('Shift+Tab');
    assert.equal(await focused(), 'Conversation');
    await s.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'Inkwell');
    await s.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'You');
    await s.page.keyboard.press('Tab');
    assert.equal(await focused(), 'Edit and Resend');
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'New Chat');
  });

  it('follows the colour theme: a dark theme gives the view a dark background', async () => {
    const background = () => chat.frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const items = await chat.openHistory();
    await items.filter({ hasText: 'Code sample' }).getByRole('button').first().click();
    // Preferences: Color Theme (Ctrl+K Ctrl+T), as a user switches it.
    await s.workbench.editor.focus();
    await s.page.keyboard.press('Control+K');
    await s.page.keyboard.press('Control+T');
    await s.page.locator('.quick-input-widget .quick-input-box input').fill('Dark Modern');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
    await s.page.keyboard.press('Enter');
    await waitUntil(async () => (await background()) !== light);
    assert.ok(luminance(await background()) < luminance(light), `${await background()} is darker than ${light}`);
    await s.step('dark theme');
  });
});

/** The chat folder in the workspace storage of code-server's profile (it exists once a chat was saved). */
async function chatStorageFolder(userDataDir: string): Promise<string> {
  const root = join(userDataDir, 'User', 'workspaceStorage');
  for (const workspace of await readdir(root)) {
    const folder = join(root, workspace, 'inkwell.inkwell', 'chat');
    if ((await readdir(folder).catch(() => [])).length > 0) return folder;
  }
  throw new Error(`no saved chat under ${root}`);
}

function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
