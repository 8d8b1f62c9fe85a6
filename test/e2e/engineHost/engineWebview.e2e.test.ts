import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSession, type Session } from '../harness/session';
import { packExtension } from '../harness/vsix';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const engineStatus = 'inkwell.inkwell.inkwell.engine';

let workspace: string;
let vsix: string;

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'inkwell-engine-ws-'));
  await writeFile(join(workspace, 'notes.md'), '# Notes\n\nA first line.\n');
  vsix = await packExtension({ extensionRoot: repoRoot, outFile: join(workspace, '..', `inkwell-engine-${Date.now()}.vsix`) });
});

after(async () => {
  await rm(workspace, { recursive: true, force: true });
  await rm(vsix, { force: true });
});

async function startEngine(s: Session): Promise<void> {
  const wb = s.workbench;
  await wb.statusBarItem(engineStatus).waitFor({ timeout: 60_000 });
  await wb.openFile('notes.md');
  await wb.runCommand('inkwell.restartEngine');
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

async function activeTab(s: Session): Promise<string | null> {
  return s.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label');
}

describe('the engine webview', { timeout: 300_000 }, () => {
  test('starts behind the active editor, reports WebGPU with the bundled model, and comes back after a webview reload', async (t) => {
    const s = await startSession({ testName: t.name, workspaceFolder: workspace, extensions: [vsix], webgpu: true });
    t.after(() => s.close());
    await startEngine(s);
    await statusText(s, /WebGPU · colour-vlm/);
    await s.step('engine ready');
    assert.match(await activeTab(s) ?? '', /^notes\.md/);
    const engine = await s.workbench.webview({ extensionId: 'inkwell.inkwell', contains: '#model' });
    assert.match((await engine.textContent('#model')) ?? '', /colour-vlm on WebGPU/);
    assert.match((await engine.textContent('#gpu')) ?? '', /WebGPU adapter/);
    assert.deepEqual(s.network.offLoopback(), []);

    // A reloaded webview (as after a crash of its page) brings the engine back, and it drafts again.
    await s.workbench.runCommand('workbench.action.webview.reloadWebviewAction');
    await statusText(s, /WebGPU · colour-vlm/);
    await s.step('engine back after reload');
    await s.workbench.openFile('notes.md');
    await s.page.keyboard.press('Control+End');
    await s.workbench.runCommand('inkwell.continueWriting');
    const before = '# Notes\n\nA first line.\n';
    const deadline = Date.now() + 150_000;
    let text = before;
    while ((text === before || text === '') && Date.now() < deadline) {
      await s.page.waitForTimeout(500);
      if (text === '') await s.workbench.openFile('notes.md');
      text = await s.workbench.editor.readText().catch(() => before);
    }
    assert.ok(text.startsWith(before.trimEnd()) && text.length > before.length, `no draft after the reload: ${JSON.stringify(text)}`);
    await s.step('drafted after reload');
  });

  test('falls back to WASM without a WebGPU adapter, and says so', async (t) => {
    // "auto" would run the engine natively without WebGPU (nativeEngine.e2e.test.ts); this is the webview's own fallback.
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
    const item = s.workbench.statusBarItem(engineStatus);
    assert.match((await item.getAttribute('class')) ?? '', /warning-kind/);
    const engine = await s.workbench.webview({ extensionId: 'inkwell.inkwell', contains: '#notices' });
    assert.match((await engine.textContent('#notices')) ?? '', /WebGPU is not available .*running on WASM/);
  });
});
