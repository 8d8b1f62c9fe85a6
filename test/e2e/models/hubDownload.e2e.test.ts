/**
 * Model management in real VS Code (code-server): "Inkwell: Select Model" lists a catalog model
 * that a loopback Hub serves (a generated tiny-llama, added through INKWELL_TEST_CATALOG, with
 * `inkwell.hub.endpoint` pointing at the loopback Hub), downloads it under a progress
 * notification, verifies and installs it, makes it the model, and Continue Writing drafts with it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSession } from '../harness/session';
import { packExtension } from '../harness/vsix';
import { catalogEntryFor } from '../../unit/models/support/catalogEntries';
import { startLoopbackHub, type LoopbackHub, type ServedRepo } from '../../unit/models/support/loopbackHub';
import { servedTinyLlama, TINY_LLAMA_COMMIT, TINY_LLAMA_ID } from '../../unit/models/support/servedFixtures';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const engineStatus = 'inkwell.inkwell.inkwell.engine';
const NOTE = '# Notes\n\nThe sea was calm that morning.';

describe('models from the Hub', { timeout: 600_000 }, () => {
  let workspace: string;
  let served: ServedRepo;
  let hub: LoopbackHub;
  let catalogFile: string;
  let vsix: string;

  before(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'inkwell-models-ws-'));
    await writeFile(join(workspace, 'notes.md'), NOTE);
    served = await servedTinyLlama();
    hub = await startLoopbackHub([served]);
    // About five seconds for the ONNX file, so the progress notification can be watched.
    hub.fault('onnx/model_q4.onnx', { kind: 'slow', bytesPerSecond: 100_000 });
    catalogFile = join(workspace, '..', `inkwell-test-catalog-${Date.now()}.json`);
    await writeFile(catalogFile, JSON.stringify([catalogEntryFor({ id: TINY_LLAMA_ID, folder: served.folder, precisions: { q4: ['onnx/model_q4.onnx'] } })]));
    vsix = await packExtension({ extensionRoot: repoRoot, outFile: join(workspace, '..', `inkwell-models-${Date.now()}.vsix`) });
  });

  after(async () => {
    await hub?.close();
    await rm(workspace, { recursive: true, force: true });
    await rm(catalogFile, { force: true });
    await rm(vsix, { force: true });
  });

  it('Select Model downloads a catalog model with progress, then Continue Writing drafts with it', async (t) => {
    const s = await startSession({
      testName: t.name,
      workspaceFolder: workspace,
      extensions: [vsix],
      env: { INKWELL_TEST_CATALOG: catalogFile },
      userSettings: {
        'inkwell.hub.endpoint': hub.endpoint,
        'inkwell.device': 'wasm',
        'inkwell.generation.maxNewTokens': 8,
        'inkwell.generation.temperature': 0,
      },
    });
    t.after(() => s.close());
    const wb = s.workbench;
    await wb.statusBarItem(engineStatus).waitFor({ timeout: 60_000 });
    await wb.openFile('notes.md');

    await startCommandWithQuickPick(s.page, 'inkwell.selectModel');
    await pickRow(s.page, 'Test inkwell-test/tiny-llama');
    const toast = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Inkwell: downloading Test inkwell-test/tiny-llama (q4)' }).first();
    await toast.waitFor({ timeout: 30_000 });
    await toast.getByText(/\d+\.\d \/ 504\.\d kB · [\d.]+ kB\/s · \d+ s left/).waitFor({ timeout: 30_000 });
    await s.step('download progress');
    await toast.waitFor({ state: 'hidden', timeout: 60_000 });
    await s.step('downloaded');

    const manifest = JSON.parse(
      await readFile(join(s.server.userDataDir, 'User', 'globalStorage', 'inkwell.inkwell', 'models', 'inkwell-test', 'tiny-llama', '.inkwell-model.json'), 'utf8'),
    );
    assert.equal(manifest.commit, TINY_LLAMA_COMMIT);
    assert.deepEqual(manifest.precisions, ['q4']);
    assert.ok(hub.requests.some((r) => r.method === 'GET' && r.path === `/${TINY_LLAMA_ID}/resolve/${TINY_LLAMA_COMMIT}/onnx/model_q4.onnx`));

    await wb.editor.goToEnd();
    await wb.runCommand('inkwell.continueWriting');
    const deadline = Date.now() + 180_000;
    let text = NOTE;
    // With another tab in front (an engine webview, in other configurations) reading the editor
    // gives '', which means "not yet", not a result.
    while ((text === NOTE || text === '') && Date.now() < deadline) {
      await s.page.waitForTimeout(500);
      if (text === '') await wb.openFile('notes.md');
      else await wb.editor.focus();
      text = await wb.editor.readText().catch(() => NOTE);
    }
    assert.ok(text.startsWith(NOTE) && text.length > NOTE.length, `the document was not continued: ${JSON.stringify(text)}`);
    // On the CPU ("wasm") the engine runs natively by default (inkwell.engine.cpuRuntime "auto").
    await wb.statusBarItem(engineStatus).filter({ hasText: /CPU \(native\) · tiny-llama/ }).waitFor({ timeout: 60_000 });
    await s.step('drafted with the downloaded model');
    assert.deepEqual(s.network.offLoopback(), []);
  });
});

/** Runs a command from the palette that opens a quick pick of its own (the harness's runCommand
 * waits for the palette to close, which never happens then). */
async function startCommandWithQuickPick(page: Page, id: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').fill(`>${id}`);
  await page.locator(`.quick-input-widget .quick-input-list-entry[data-quick-input-id="${id}"]`).first().click();
}

/** Clicks the quick pick row whose label contains `label`. */
async function pickRow(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}
