/**
 * The remote providers in real VS Code (code-server), through the command surface: a Gemini API
 * and an OpenAI-compatible server, both fakes on loopback that speak the real wire protocols,
 * answer the extension host. The key is set through Inkwell: Set API Key and must show up
 * nowhere else. One session serves every test in this file; each builds on the one before.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { recordHostConnections, type HostConnectionLog } from '../harness/hostConnections';
import { startSession, type Session } from '../harness/session';
import { ChatPanel } from '../chat/chatPanel';
import { ghostText, ghostTextContent } from '../inline/ghostText';
import { packedInkwell } from '../harness/packedInkwell';
import { aRedPng, aWorkspaceFolder, type WorkspaceFolder } from '../harness/workspaceFolder';
import { explorerContextMenu, notification, pickQuickPickItem, selectOnly, waitForGenerationsToEnd, waitForText } from '../harness/workbenchUi';
import { startFakeGemini, type FakeGemini } from '../../unit/providers/fakeServers/fakeGemini';
import { startFakeOpenAi, type FakeOpenAi } from '../../unit/providers/fakeServers/fakeOpenAi';
import { startLoopbackProxy, type LoopbackProxy } from '../../unit/models/support/loopbackProxy';

const KEY = 'AIzaSy-e2e-secret-4f9c2a7d1b';
const PARAGRAPH = 'The harbour was quiet that morning.';
const NOTE = `# Log\n\n${PARAGRAPH}\n\nEnd.\n`;
const CONTINUE_KEY = 'Control+Shift+Alt+Enter';
const DRAFT_KEY = 'Control+Shift+Alt+D';
/** `<extension id>.<item id>`: the where-prompts-go item. */
const DESTINATION_ITEM = 'inkwell.inkwell.inkwell.destination';

describe('remote providers in VS Code', { timeout: 900_000 }, () => {
  let gemini: FakeGemini;
  let openAi: FakeOpenAi;
  let workspace: WorkspaceFolder;
  let hosts: HostConnectionLog;
  let s: Session;
  let closed = false;

  before(async () => {
    gemini = await startFakeGemini({ apiKey: KEY });
    openAi = await startFakeOpenAi();
    workspace = await aWorkspaceFolder({ 'nokey.md': NOTE, 'gemini.md': NOTE, 'cut.md': NOTE, 'cancel.md': NOTE, 'openai.md': NOTE, 'inline.md': NOTE, 'red.png': aRedPng() });
    hosts = await recordHostConnections();
    s = await startSession({
      testName: 'remote providers',
      workspaceFolder: workspace.path,
      extensions: [await packedInkwell(), hosts.extension],
      env: hosts.env,
      userSettings: {
        'inkwell.provider': 'gemini',
        'inkwell.gemini.endpoint': gemini.endpoint,
        'inkwell.openaiCompatible.baseUrl': openAi.baseUrl,
        'inkwell.generation.maxNewTokens': 48,
      },
    });
  });

  after(async () => {
    if (!closed) await s?.close();
    await Promise.all([gemini?.close(), openAi?.close(), workspace?.remove(), hosts?.remove()]);
  });

  it('shows in the status bar which provider and model prompts go to', async () => {
    const item = s.workbench.statusBarItem(DESTINATION_ITEM);
    await item.waitFor({ timeout: 90_000 });
    await s.step('gemini in the status bar');
    assert.match((await item.textContent()) ?? '', /gemini-2\.5-flash/);
  });

  it('says there is no key, sends nothing and leaves the document as it was', async () => {
    await continueAfterParagraph(s, 'nokey.md');
    await notification(s.page, /Inkwell has no Gemini API key\. Run "Inkwell: Set API Key"/).waitFor({ timeout: 60_000 });
    await s.step('no key');
    assert.equal(gemini.requests.length, 0);
    assert.equal(await s.workbench.editor.readText(), NOTE);
  });

  it('keeps the key that Inkwell: Set API Key asks for', async () => {
    await setGeminiKey(s);
  });

  it('streams Gemini’s answer into the document with Continue writing', async () => {
    gemini.reply({ kind: 'text', pieces: [' The gulls', ' had gone', ' south.'] });
    await continueAfterParagraph(s, 'gemini.md');
    const text = await waitForText(s.workbench, (current) => current.includes('south.'));
    await waitForGenerationsToEnd(s.page);
    await s.step('gemini continued');
    assert.ok(text.startsWith(`# Log\n\n${PARAGRAPH}`) && text.includes('The gulls had gone south.') && text.endsWith('\n\nEnd.\n'), text);
    const request = gemini.requests.at(-1);
    assert.equal(request?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    assert.equal(request?.query.get('alt'), 'sse');
    assert.equal(request?.headers['x-goog-api-key'], KEY);
    const body = request?.body as { contents: { parts: { text?: string }[] }[]; generationConfig: { maxOutputTokens: number } };
    assert.ok(JSON.stringify(body.contents).includes(PARAGRAPH));
    assert.equal(body.generationConfig.maxOutputTokens, 48);
  });

  it('sends an image to Gemini as inline_data with Describe Image', async () => {
    gemini.reply({ kind: 'text', pieces: ['A red', ' square.'] });
    await explorerContextMenu(s.workbench, 'red.png', 'Describe Image…');
    await pickQuickPickItem(s.page, 'Description');
    await s.page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().waitFor({ timeout: 60_000 });
    const text = await waitForText(s.workbench, (current) => current.includes('A red square.'));
    await s.step('image described');
    assert.match(text, /A red square\./);
    const parts = (gemini.requests.at(-1)?.body as { contents: { parts: { inline_data?: { mime_type: string; data: string } }[] }[] }).contents.flatMap((content) => content.parts);
    const image = parts.find((part) => part.inline_data)?.inline_data;
    assert.equal(image?.mime_type, 'image/png');
    assert.equal(image?.data, (await workspace.read('red.png')).toString('base64'));
  });

  it('streams Gemini’s answer into the chat view, for a message with an image', async () => {
    gemini.reply({ kind: 'text', pieces: ['Ahoy', ' from', ' the chat.'] });
    const chat = await ChatPanel.open(s.workbench);
    await chat.pasteImage(await workspace.read('red.png'), 'red.png', 'image/png');
    await chat.frame.locator('.composer .thumbnail img').waitFor({ timeout: 10_000 });
    await chat.send('What colour is this?');
    assert.equal(await chat.waitForReplyEnd(60_000), 'done');
    await s.step('chat reply');
    assert.equal(await chat.replyText(), 'Ahoy from the chat.');
    const request = gemini.requests.at(-1);
    assert.equal(request?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    const parts = (request?.body as { contents: { parts: { text?: string; inline_data?: { mime_type: string; data: string } }[] }[] }).contents.flatMap((content) => content.parts);
    const image = parts.find((part) => part.inline_data)?.inline_data;
    assert.equal(image?.mime_type, 'image/png');
    assert.equal(image?.data, (await workspace.read('red.png')).toString('base64'));
    assert.ok(parts.some((part) => part.text?.includes('What colour is this?')));
  });

  it('shows Gemini’s inline completion as ghost text', async () => {
    gemini.inlineText = ' and the tide was out';
    await s.workbench.openFile('inline.md');
    await s.workbench.editor.goToEnd();
    await s.workbench.editor.type('Later');
    await ghostText(s.page).first().waitFor({ timeout: 30_000 });
    await s.step('inline ghost text');
    assert.match(await ghostTextContent(s.page), /and the tide was out/);
    const inline = gemini.requests.filter((request) => request.path.endsWith(':generateContent')).at(-1);
    assert.ok(JSON.stringify(inline?.body).includes('Later'));
    await s.page.keyboard.press('Escape');
  });

  it('says a stream cut mid-event ended early and leaves the document as it was', async () => {
    gemini.reply({ kind: 'cut-mid-event', pieces: [' Partial'] });
    await s.workbench.openFile('cut.md');
    await selectOnly(s.workbench, PARAGRAPH);
    await s.page.keyboard.press(DRAFT_KEY);
    await pickQuickPickItem(s.page, 'Improve');
    await notification(s.page, /ended before the response was complete/).waitFor({ timeout: 60_000 });
    await waitForGenerationsToEnd(s.page);
    await s.step('stream cut');
    assert.equal(await s.workbench.editor.readText(), NOTE);
  });

  it('closes the connection when the stop command cancels the generation mid-stream', async () => {
    gemini.reply({ kind: 'text-then-wait', pieces: [' Waiting'] });
    await continueAfterParagraph(s, 'cancel.md');
    await waitForText(s.workbench, (current) => current.includes('Waiting'));
    const request = gemini.requests.at(-1);
    // The command, not the notification's button: the command once reached only the local engine.
    await s.workbench.runCommand('inkwell.cancel');
    // Left running, the fake server holds the stream open until the client gives up (minutes).
    await waitForGenerationsToEnd(s.page, 20_000);
    await s.step('cancelled');
    await Promise.race([request?.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('connection still open')), 10_000))]);
  });

  it('switches to an OpenAI-compatible server and its model from the model picker', async () => {
    await runCommandThatAsks(s.page, 'inkwell.selectProvider');
    await pickQuickPickItem(s.page, 'OpenAI-compatible server');
    await pickQuickPickItem(s.page, 'qwen2.5:7b');
    await s.workbench.statusBarItem(DESTINATION_ITEM).filter({ hasText: 'qwen2.5:7b' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(
      openAi.requests.map((request) => `${request.method} ${request.path}`),
      ['GET /v1/models'],
    );
    openAi.reply({ kind: 'text', pieces: [' Boats', ' rocked.'] });
    await continueAfterParagraph(s, 'openai.md');
    const text = await waitForText(s.workbench, (current) => current.includes('Boats rocked.'));
    await waitForGenerationsToEnd(s.page);
    await s.step('openai continued');
    assert.ok(text.startsWith(`# Log\n\n${PARAGRAPH}`) && text.includes('Boats rocked.') && text.endsWith('\n\nEnd.\n'), text);
    const body = openAi.requests.at(-1)?.body as { model: string; stream: boolean };
    assert.equal(body.model, 'qwen2.5:7b');
    assert.equal(body.stream, true);
  });

  it('made every request of the extension host to loopback, including those to the fakes', async () => {
    assert.deepEqual(await hosts.offLoopback(), []);
    const ports = new Set((await hosts.all()).filter((entry) => entry.kind === 'tcp' && /extensionHost/.test(entry.role)).map((entry) => entry.port));
    assert.ok(ports.has(Number(new URL(gemini.endpoint).port)), 'the extension host connections to the Gemini fake were not recorded');
    assert.ok(ports.has(Number(new URL(openAi.baseUrl).port)));
    assert.deepEqual(s.network.offLoopback(), []);
  });

  it('keeps the key out of the settings, the webviews and every log', async () => {
    const settings = await readFile(join(s.server.userDataDir, 'User', 'settings.json'), 'utf8');
    assert.ok(!settings.includes(KEY), 'settings.json holds the key');
    for (const frame of s.page.frames()) {
      assert.ok(!(await frame.content().catch(() => '')).includes(KEY), `frame ${frame.url()} holds the key`);
    }
    closed = true;
    await s.close();
    const leaks = await filesContaining(s.artifacts.dir, KEY);
    assert.deepEqual(leaks, []);
    assert.ok((await filesContaining(s.artifacts.dir, 'Gemini: POST')).length > 0, 'the Inkwell log was not among the saved logs');
  });
});

describe('a remote provider behind the proxy in VS Code’s settings', { timeout: 600_000 }, () => {
  let proxy: LoopbackProxy;
  /** On 127.0.0.2: VS Code never proxies localhost or 127.0.0.1, but it does proxy this. */
  let gemini: FakeGemini;
  let workspace: WorkspaceFolder;
  let s: Session;

  before(async () => {
    proxy = await startLoopbackProxy();
    gemini = await startFakeGemini({ apiKey: KEY, host: '127.0.0.2' });
    workspace = await aWorkspaceFolder({ 'proxy.md': NOTE });
    s = await startSession({
      testName: 'remote provider behind a proxy',
      workspaceFolder: workspace.path,
      extensions: [await packedInkwell()],
      userSettings: { 'http.proxy': proxy.url, 'inkwell.provider': 'gemini', 'inkwell.gemini.endpoint': gemini.endpoint },
    });
  });

  after(async () => {
    await s?.close();
    await Promise.all([proxy?.close(), gemini?.close(), workspace?.remove()]);
  });

  it('sends the request through the proxy that http.proxy names', async () => {
    await s.workbench.statusBarItem(DESTINATION_ITEM).waitFor({ timeout: 90_000 });
    await setGeminiKey(s);
    gemini.reply({ kind: 'text', pieces: [' Proxied.'] });
    await continueAfterParagraph(s, 'proxy.md');
    await waitForText(s.workbench, (current) => current.includes('Proxied.'));
    await waitForGenerationsToEnd(s.page);
    await s.step('continued through the proxy');
    const streamUrl = `${gemini.endpoint}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`;
    // An http:// target goes to an HTTP proxy in absolute form; a tunnel would show as CONNECT host:port.
    assert.ok(
      proxy.records.some((record) => record.target === streamUrl || (record.method === 'CONNECT' && record.target === new URL(streamUrl).host)),
      `the proxy saw: ${JSON.stringify(proxy.records)}`,
    );
    assert.equal(gemini.requests.at(-1)?.headers['x-goog-api-key'], KEY);
  });
});

/** Stores the Gemini key through Inkwell: Set API Key, typed into its password box. */
async function setGeminiKey(s: Session): Promise<void> {
  await runCommandThatAsks(s.page, 'inkwell.setApiKey');
  await pickQuickPickItem(s.page, 'Gemini API');
  const input = s.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(KEY);
  await s.page.keyboard.press('Enter');
  await notification(s.page, "Inkwell keeps the Gemini API key in VS Code's secret storage.").waitFor({ timeout: 30_000 });
}

/** Puts the cursor after the paragraph of `file` and runs Continue writing from its keybinding. */
async function continueAfterParagraph(s: Session, file: string): Promise<void> {
  await s.workbench.openFile(file);
  await selectOnly(s.workbench, PARAGRAPH);
  await s.page.keyboard.press('ArrowRight');
  await s.page.keyboard.press(CONTINUE_KEY);
}

/** Runs a command from the palette whose first act is to open a quick pick of its own (the
 * harness's runCommand waits for the palette to close, which then never happens). */
async function runCommandThatAsks(page: Page, id: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(`>${id}`);
  await page.locator(`.quick-input-widget .quick-input-list-entry[data-quick-input-id="${id}"]`).first().click();
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.png')) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path, 'utf8')).includes(needle)) found.push(path);
  }
  return found;
}
