/**
 * Starts real VS Code (code-server) on a loopback port with its own throwaway user-data and
 * extensions dirs, so every test gets a fresh profile and nothing leaks between tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findInstallation } from '../../../scripts/e2e/installation';
import { codeServerLoopbackEnv } from './loopbackOnly';
import { writeUserSettings, type UserSettings } from './userSettings';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  readonly workspaceFolder: string;
  /** `.vsix` files installed before the server starts. */
  readonly extensions?: readonly string[];
  /** Merged over `quietWorkbenchSettings`. */
  readonly userSettings?: UserSettings;
  /** Extra environment for the server and the extension host it spawns. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default 60 s; a cold start measured 0.6 s here, so hitting this means it is broken. */
  readonly readyTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** Opens the workbench on `workspaceFolder`. */
  readonly workbenchUrl: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's stdout and stderr. Extension host logs are under `userDataDir/logs`. */
  readonly logFile: string;
  /** From spawn until `/healthz` answered. */
  readonly startupMs: number;
  /** Ends the server and its process group and deletes the profile (set INKWELL_E2E_KEEP_TEMP to
   * keep it); `saveLogsTo` first copies the server and extension host logs there. */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  readonly saveLogsTo?: string;
}

interface Profile {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
}

const listeningLine = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/;

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const profile = await createProfile();
  await writeUserSettings(profile.userDataDir, options.userSettings);
  for (const vsix of options.extensions ?? []) {
    await installExtension(vsix, profile);
  }
  const logFile = join(profile.root, 'code-server.log');
  const startedAt = Date.now();
  const child = spawnCodeServer(
    [
      '--auth', 'none',
      // Port 0: the OS picks a free port and code-server logs it, so parallel tests never race.
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...profileArgs(profile),
      options.workspaceFolder,
    ],
    options.env,
    logFile,
  );
  try {
    const url = await waitForListening(child, options.readyTimeoutMs ?? 60_000);
    await waitForHealthy(url);
    return {
      url,
      workbenchUrl: `${url}?folder=${encodeURIComponent(options.workspaceFolder)}`,
      userDataDir: profile.userDataDir,
      extensionsDir: profile.extensionsDir,
      logFile,
      startupMs: Date.now() - startedAt,
      stop: async ({ saveLogsTo }: StopOptions = {}) => {
        await stopCodeServer(child);
        if (saveLogsTo !== undefined) {
          await saveLogs(profile, logFile, saveLogsTo);
        }
        await removeProfile(profile);
      },
    };
  } catch (error) {
    await stopCodeServer(child);
    throw new Error(`code-server did not start (log: ${logFile}): ${String(error)}`);
  }
}

async function createProfile(): Promise<Profile> {
  const root = await mkdtemp(join(tmpdir(), 'inkwell-e2e-'));
  const configFile = join(root, 'config.yaml');
  // Without its own config code-server writes one with a random password into ~/.config.
  await writeFile(configFile, 'auth: none\ncert: false\n');
  return { root, userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions'), configFile };
}

function profileArgs(profile: Profile): string[] {
  return [
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    '--config', profile.configFile,
  ];
}

async function installExtension(vsix: string, profile: Profile): Promise<void> {
  const logFile = join(profile.root, 'install-extension.log');
  const child = spawnCodeServer(['--install-extension', vsix, '--force', ...profileArgs(profile)], {}, logFile);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(`installing ${vsix} failed with exit code ${code}; see ${logFile}`);
  }
}

function spawnCodeServer(args: string[], env: Readonly<Record<string, string>> | undefined, logFile: string): ChildProcess {
  const { node, codeServerEntry } = findInstallation();
  const child = spawn(node, [codeServerEntry, ...args], {
    // Own process group, so stop() also ends the extension host and pty host it forks.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inheritedEnv(), ...codeServerLoopbackEnv, ...env },
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** The test runner's environment minus what would confuse code-server's Node 24: VS Code's own
 * IPC variables (when tests run inside a VS Code terminal) and NODE_OPTIONS (tsx loaders). */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VSCODE_') && key !== 'NODE_OPTIONS' && key !== 'ELECTRON_RUN_AS_NODE') {
      env[key] = value;
    }
  }
  return env;
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`not listening after ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = listeningLine.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code} before listening`));
    });
  });
}

async function waitForHealthy(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(new URL('healthz', url)).catch(() => undefined);
    if (response?.ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}healthz never answered`);
}

async function stopCodeServer(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalGroup(child.pid, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
    if (timedOut) {
      signalGroup(child.pid, 'SIGKILL');
      await exited;
    }
  }
  // The extension host can outlive the server by a moment; make sure the group is gone.
  if (child.pid !== undefined) {
    signalGroup(child.pid, 'SIGKILL');
  }
}

async function saveLogs(profile: Profile, logFile: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(logFile, join(to, 'code-server.log'));
  // VS Code's own logs: extension host output, webview and renderer errors, one folder per start.
  await cp(join(profile.userDataDir, 'logs'), join(to, 'vscode-logs'), { recursive: true }).catch(() => undefined);
}

async function removeProfile(profile: Profile): Promise<void> {
  if (process.env.INKWELL_E2E_KEEP_TEMP === undefined) {
    await rm(profile.root, { recursive: true, force: true });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has already exited.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
