/**
 * Where the engine runs, in real VS Code (code-server): the engine webview on WebGPU, back after a
 * webview reload; without WebGPU, natively on the CPU in the extension host, or in the webview on
 * WASM when the settings say so.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSession, type Session } from '../harness/session';
import { packExtension } from '../harness/vsix';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const engineStatus = 'inkwell.inkwell.inkwell.engine';
const notes = '# Notes\n\nA first line.\n';

let workspace: string;
let vsix: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'inkwell-engine-ws-'));
  vsix = await packExtension({ extensionRoot: repoRoot, outFile: join(workspace, '..', `inkwell-engine-${Date.now()}.vsix`) });
});

after(async () => {
  await rm(workspace, { recursive: true, force: true });
  await rm(vsix, { force: true });
});

async function startEngine(s: Session): Promise<void> {
  await writeFile(join(workspace, 'notes.md'), notes);
  await s.workbench.statusBarItem(engineStatus).waitFor({ timeout: 60_000 });
  await s.workbench.openFile('notes.md');
  await s.workbench.runCommand('inkwell.restartEngine');
}

async function statusText(s: Session, expected: RegExp): Promise<string> {
  const item = s.workbench.statusBarItem(engineStatus);
  const deadline = Date.now() + 150_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await item.innerText();
    if (expected.test(text)) return text;
    await s.page.waitForTimeout(250);
  }
  assert.fail(`the status bar never said ${expected}; it last said "${text}"`);
}

/** Continue Writing at the end of notes.md, and its draft there. */
async function draftInNotes(s: Session): Promise<void> {
  await s.workbench.openFile('notes.md');
  await s.workbench.editor.goToEnd();
  await s.workbench.runCommand('inkwell.continueWriting');
  const deadline = Date.now() + 150_000;
  let text = notes;
  while ((text === notes || text === '') && Date.now() < deadline) {
    await s.page.waitForTimeout(500);
    // An empty read: the engine's tab was in front for a moment; bring the note back.
    if (text === '') await s.workbench.openFile('notes.md');
    text = await s.workbench.editor.readText().catch(() => notes);
  }
  assert.ok(text.startsWith(notes.trimEnd()) && text.length > notes.length, `no draft: ${JSON.stringify(text)}`);
}

/** The "Inkwell" log channel as the extension host wrote it so far. */
async function inkwellLog(s: Session): Promise<string> {
  const logs = join(s.server.userDataDir, 'logs');
  const files = (await readdir(logs, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('Inkwell.log'));
  return (await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')))).join('\n');
}

async function tabLabels(s: Session): Promise<string[]> {
  return s.page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
}

describe('the engine with WebGPU', { timeout: 300_000 }, () => {
  test('starts in a webview behind the active editor, reports WebGPU with the bundled model, and comes back after a webview reload', async (t) => {
    const s = await startSession({ testName: t.name, workspaceFolder: workspace, extensions: [vsix], webgpu: true });
    t.after(() => s.close());
    await startEngine(s);
    await statusText(s, /WebGPU · colour-vlm/);
    await s.step('engine ready');
    assert.match((await s.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label')) ?? '', /^notes\.md/);
    const engine = await s.workbench.webview({ extensionId: 'inkwell.inkwell', contains: '#model' });
    assert.match((await engine.textContent('#model')) ?? '', /colour-vlm on WebGPU/);
    assert.match((await engine.textContent('#gpu')) ?? '', /WebGPU adapter/);
    assert.deepEqual(s.network.offLoopback(), []);

    // A reloaded webview (as after a crash of its page) brings the engine back, and it drafts again.
    await s.workbench.runCommand('workbench.action.webview.reloadWebviewAction');
    await statusText(s, /WebGPU · colour-vlm/);
    await s.step('engine back after reload');
    await draftInNotes(s);
    await s.step('drafted after reload');
  });
});

describe('the engine without WebGPU', { timeout: 300_000 }, () => {
  test('runs natively on the CPU in the extension host, says so, and drafts', async (t) => {
    const s = await startSession({ testName: t.name, workspaceFolder: workspace, extensions: [vsix], webgpu: false });
    t.after(() => s.close());
    await startEngine(s);
    const text = await statusText(s, /CPU \(native\) · colour-vlm/);
    assert.doesNotMatch(text, /warning/);
    assert.doesNotMatch((await s.workbench.statusBarItem(engineStatus).getAttribute('class')) ?? '', /warning-kind/);
    await s.step('engine ready on native CPU');
    // The webview that told there is no WebGPU is closed again; no engine tab stays open.
    assert.deepEqual((await tabLabels(s)).filter((label) => /Inkwell Engine/.test(label)), []);
    assert.match(await inkwellLog(s), /Engine: native onnxruntime-node \(CPU\) in a worker thread of the extension host, because the webview has no WebGPU adapter/);
    await draftInNotes(s);
    await s.step('drafted on native CPU');
    assert.match(await inkwellLog(s), /Generated \d+ tokens/);
    assert.deepEqual(s.network.offLoopback(), []);
  });

  test('stays in the webview on WASM with inkwell.engine.cpuRuntime "webview", says WebGPU is missing, and drafts', async (t) => {
    const s = await startSession({
      testName: t.name,
      workspaceFolder: workspace,
      extensions: [vsix],
      webgpu: false,
      userSettings: { 'inkwell.engine.cpuRuntime': 'webview' },
    });
    t.after(() => s.close());
    await startEngine(s);
    await statusText(s, /WASM · colour-vlm/);
    await s.step('engine on wasm');
    assert.match((await s.workbench.statusBarItem(engineStatus).getAttribute('class')) ?? '', /warning-kind/);
    const engine = await s.workbench.webview({ extensionId: 'inkwell.inkwell', contains: '#notices' });
    assert.match((await engine.textContent('#model')) ?? '', /colour-vlm on WASM/);
    assert.match((await engine.textContent('#notices')) ?? '', /WebGPU is not available .*running on WASM/);
    assert.match(await inkwellLog(s), /Engine: the engine webview \(onnxruntime-web\), because inkwell\.engine\.cpuRuntime is "webview"/);
    // On WASM the engine rewrites each graph in the webview first (webview/engine/runtime/cpuGraph/).
    await draftInNotes(s);
    await s.step('drafted on WASM');
  });
});
