/**
 * `@inkwell` in VS Code's own chat view, in code-server: the participant answers through
 * `vscode.lm.selectChatModels({ vendor: 'inkwell' })` and `sendRequest`, so a streamed answer in
 * the chat view shows that the `inkwell` language model is registered, selectable and streams.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSession, type Session } from '../harness/session';
import { packExtension } from '../harness/vsix';
import { EXTENSION_ID } from './chatPanel';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('@inkwell in VS Code chat', { timeout: 600_000 }, () => {
  let s: Session;

  before(async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'inkwell-participant-ws-'));
    await writeFile(join(workspace, 'notes.md'), '# Notes\n');
    const vsix = await packExtension({ extensionRoot: repoRoot, outFile: join(tmpdir(), 'inkwell-participant-e2e.vsix') });
    s = await startSession({
      testName: 'chat-participant',
      workspaceFolder: workspace,
      extensions: [vsix],
      userSettings: { 'chat.disableAIFeatures': false, 'inkwell.model': 'demo:tiny-llama', 'inkwell.device': 'wasm', 'inkwell.generation.maxNewTokens': 12 },
    });
    await s.workbench.statusBarItem(`${EXTENSION_ID}.inkwell.engine`).waitFor({ timeout: 90_000 });
  });
  after(() => s?.close());

  it('answers "@inkwell /draft" with text streamed from the inkwell language model', async () => {
    await s.workbench.runCommand('workbench.action.chat.open');
    await s.step('chat opened');
    const input = s.page.locator('.interactive-input-part .monaco-editor .native-edit-context, .interactive-input-part textarea').first();
    await input.waitFor({ timeout: 30_000 });
    await input.focus();
    await s.page.keyboard.type('@inkwell /draft a haiku about ink');
    await s.step('typed');
    await s.page.keyboard.press('Enter');
    const response = s.page.locator('.interactive-item-container.interactive-response').last();
    await response.waitFor({ timeout: 120_000 });
    await s.page.waitForFunction(() => !document.querySelector('.interactive-item-container.interactive-response:last-child .chat-animated-ellipsis, .interactive-response.chat-response-loading'), undefined, { timeout: 120_000 }).catch(() => undefined);
    await s.step('answered');
    const text = (await response.textContent()) ?? '';
    assert.ok(text.trim().length > 0, 'the response has text');
  });
});
