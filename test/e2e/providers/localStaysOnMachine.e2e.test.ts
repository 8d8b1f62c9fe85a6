/**
 * With `inkwell.provider` = `local`, a whole session stays on this machine: VS Code starts,
 * Inkwell activates, the engine loads a bundled model and Continue writing streams its text,
 * and neither the browser (page, webviews, workers) nor the server side (code-server, the
 * extension host) makes a request to anything but loopback, nor tries to through a proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordHostConnections, type HostConnectionLog } from '../harness/hostConnections';
import { startSession, type Session } from '../harness/session';
import { packedInkwell } from '../harness/packedInkwell';
import { aWorkspaceFolder, type WorkspaceFolder } from '../harness/workspaceFolder';
import { selectOnly, waitForGenerationsToEnd, waitForText } from '../harness/workbenchUi';

const PARAGRAPH = 'Nothing here should leave the machine.';
const NOTE = `# Private\n\n${PARAGRAPH}\n`;
/** loopbackOnly.ts points code-server's HTTP(S)_PROXY here: a connection to it is an attempt to go out. */
const DEAD_PROXY_PORT = 9;

describe('the local provider', { timeout: 600_000 }, () => {
  let workspace: WorkspaceFolder;
  let hosts: HostConnectionLog;
  let s: Session;

  before(async () => {
    workspace = await aWorkspaceFolder({ 'private.md': NOTE });
    hosts = await recordHostConnections();
    s = await startSession({
      testName: 'local provider stays on this machine',
      workspaceFolder: workspace.path,
      extensions: [await packedInkwell(), hosts.extension],
      env: hosts.env,
      webgpu: true,
      userSettings: {
        'inkwell.provider': 'local',
        'inkwell.model': 'demo:tiny-llama',
        'inkwell.generation.maxNewTokens': 4,
        'inkwell.generation.temperature': 0,
      },
    });
  });

  after(async () => {
    await s?.close();
    await Promise.all([workspace?.remove(), hosts?.remove()]);
  });

  it('says in the status bar that prompts stay on this machine', async () => {
    const item = s.workbench.statusBarItem('inkwell.inkwell.inkwell.destination');
    await item.waitFor({ timeout: 90_000 });
    assert.match((await item.textContent()) ?? '', /Local/);
  });

  it('continues writing with the engine on this machine', async () => {
    await s.workbench.openFile('private.md');
    await selectOnly(s.workbench, PARAGRAPH);
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('Control+Shift+Alt+Enter');
    await waitForText(s.workbench, (text) => text !== NOTE, 240_000);
    await waitForGenerationsToEnd(s.page, 240_000);
    await s.step('continued locally');
  });

  it('made no request off loopback from the page, its webviews or workers', () => {
    assert.ok(s.network.requests.length > 0, 'the network log recorded nothing');
    assert.deepEqual(s.network.offLoopback(), []);
  });

  it('made no connection, datagram or name lookup off loopback from code-server or the extension host', async () => {
    const started = (await hosts.all()).filter((entry) => entry.kind === 'start').map((entry) => entry.role);
    assert.ok(started.some((role) => /--type=extensionHost/.test(role)), `the recorder did not run in the extension host: ${started.join(' | ')}`);
    assert.ok(started.some((role) => /code-server/.test(role)), 'the recorder did not run in code-server');
    assert.deepEqual(await hosts.offLoopback(), []);
  });

  it('tried nothing through the proxy, where anything bound off the machine would have gone', async () => {
    assert.deepEqual(await hosts.toLoopbackPort(DEAD_PROXY_PORT), []);
  });
});
