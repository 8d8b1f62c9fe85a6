/**
 * `npm start`: VS Code with Inkwell loaded, on its default model, opened on a sample workspace.
 * Desktop VS Code (`code` on PATH) gets the extension in development mode; otherwise the script
 * installs code-server (real VS Code in the browser, from npm) and serves it on loopback.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findInstallation } from './e2e/installation';

const root = join(import.meta.dirname, '..');
const workspace = join(root, '.cache', 'start', 'workspace');
const port = process.env.PORT ?? '8080';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0 && !process.env.INKWELL_USE_CODE_SERVER;
}

function prepareWorkspace(): void {
  // A copy, so trying the commands never edits the repository's sample.
  if (!existsSync(workspace)) cpSync(join(root, 'samples', 'workspace'), workspace, { recursive: true });
}

function startDesktop(): void {
  console.log('Starting VS Code with Inkwell in development mode...');
  spawn('code', ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit', detached: true }).unref();
}

function startCodeServer(): void {
  if (!existsSync(join(root, '.cache', 'e2e', 'code-server')) && !process.env.INKWELL_E2E_CACHE) {
    console.log('No desktop VS Code found; installing code-server (real VS Code in the browser), once...');
  }
  run('bash', [join(root, 'scripts', 'e2e', 'setup.sh')]);
  const tools = findInstallation();
  const vsix = join(root, '.cache', 'start', 'inkwell.vsix');
  run('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix]);
  const profile = join(root, '.cache', 'start');
  const userData = join(profile, 'user-data');
  const extensions = join(profile, 'extensions');
  mkdirSync(userData, { recursive: true });
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(tools.node, [tools.codeServerEntry, ...common, '--install-extension', vsix, '--force'], { stdio: 'inherit' });
  console.log(`\nInkwell is ready: open http://127.0.0.1:${port}/ in a browser (Ctrl+C stops it).\n`);
  const server = spawn(
    tools.node,
    [tools.codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, workspace],
    { stdio: 'inherit' },
  );
  server.on('exit', (code) => process.exit(code ?? 0));
}

run('npm', ['run', 'build']);
prepareWorkspace();
if (hasDesktopCode()) startDesktop();
else startCodeServer();
