/**
 * Inkwell's model through `vscode.lm`, end to end in code-server: another extension (a test
 * fixture, see lmConsumerExtension.ts) finds it with `selectChatModels({ vendor: 'inkwell' })`
 * and gets a streamed answer from the local engine.
 *
 * VS Code's own chat view cannot run `@inkwell` here: in code-server 1.139 without a Copilot
 * sign-in its model picker offers only "Sign in to use Copilot", and the chat refuses every
 * participant with "Language model unavailable" before calling it (see docs/chat-panel.md).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSession, type Session } from '../harness/session';
import { packExtension } from '../harness/vsix';
import { EXTENSION_ID } from './chatPanel';
import { CONSUMER_COMMAND, CONSUMER_RESULT, packConsumerExtension, type ConsumerResult } from './lmConsumerExtension';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('Inkwell as a vscode.lm language model', { timeout: 600_000 }, () => {
  let s: Session;
  let workspace: string;

  before(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'inkwell-lm-ws-'));
    const inkwell = await packExtension({ extensionRoot: repoRoot, outFile: join(tmpdir(), 'inkwell-lm-e2e.vsix') });
    const consumer = await packConsumerExtension(join(tmpdir(), 'inkwell-lm-consumer.vsix'));
    s = await startSession({
      testName: 'chat-language-model',
      workspaceFolder: workspace,
      extensions: [inkwell, consumer],
      userSettings: { 'chat.disableAIFeatures': false, 'inkwell.model': 'demo:tiny-llama', 'inkwell.device': 'wasm' },
    });
    await s.workbench.statusBarItem(`${EXTENSION_ID}.inkwell.engine`).waitFor({ timeout: 90_000 });
  });
  after(() => s?.close());

  it('another extension selects the inkwell model and gets a streamed answer', async (t) => {
    await s.workbench.runCommand(CONSUMER_COMMAND);
    let result: ConsumerResult | undefined;
    const deadline = Date.now() + 180_000;
    while (!result && Date.now() < deadline) {
      // Some VS Code builds ask once whether the extension may use the model.
      const allow = s.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Allow' });
      if (await allow.isVisible().catch(() => false)) await allow.click();
      result = await readFile(join(workspace, CONSUMER_RESULT), 'utf8').then((text) => JSON.parse(text) as ConsumerResult, () => undefined);
      if (!result) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await s.step('answered');
    t.diagnostic(`vscode.lm result: ${JSON.stringify(result)}`);
    assert.ok(result, 'the consumer extension wrote its result');
    assert.equal(result.error, undefined);
    assert.deepEqual(result.models.map((m) => [m.vendor, m.id, m.name]), [['inkwell', 'local', 'Inkwell (local)']]);
    assert.ok(result.chunks.length > 1, `streamed in ${result.chunks.length} chunks`);
    assert.notEqual(result.chunks.map((c) => c.text).join('').trim(), '');
  });
});
