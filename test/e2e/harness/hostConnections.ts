/**
 * What the server side of an e2e session connected to, recorded by recordConnections.cjs:
 * code-server and the Node processes it starts (through NODE_OPTIONS) and the extension host,
 * where Inkwell's providers run (VS Code strips NODE_OPTIONS there, so the recorder goes in as an
 * extension that activates on '*', before Inkwell). networkLog.ts covers the browser: page,
 * webviews, workers. Native child processes (git, ripgrep) are not covered.
 *
 *   const hosts = await recordHostConnections();
 *   const s = await startSession({ ..., extensions: [inkwell, hosts.extension], env: hosts.env });
 *   ...
 *   assert.deepEqual(await hosts.offLoopback(), []);
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packExtension } from './vsix';

export interface HostConnection {
  pid: number;
  /** The process's command line, to tell the extension host from the server. */
  role: string;
  /** `start`: the recorder was loaded in this process. */
  kind: 'start' | 'tcp' | 'udp' | 'dns' | 'ipc';
  host?: string;
  port?: number;
  path?: string;
}

export interface HostConnectionLog {
  /** Environment for `startSession`/`startCodeServer`. */
  env: Record<string, string>;
  /** The recorder extension's .vsix, to install next to the extension under test. */
  extension: string;
  all(): Promise<HostConnection[]>;
  /** Connections, datagrams and name lookups for anything but loopback (Unix sockets are local). */
  offLoopback(): Promise<HostConnection[]>;
  /** TCP connections to `port` on loopback: used to find attempts through the dead proxy. */
  toLoopbackPort(port: number): Promise<HostConnection[]>;
  remove(): Promise<void>;
}

const preload = join(import.meta.dirname, 'recordConnections.cjs');
const recorderExtension = join(import.meta.dirname, 'connectionRecorder');

export async function recordHostConnections(): Promise<HostConnectionLog> {
  const dir = await mkdtemp(join(tmpdir(), 'inkwell-e2e-connections-'));
  const extension = await packRecorderExtension(dir);
  const all = async (): Promise<HostConnection[]> => {
    const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
    const lines = (await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')))).flatMap((text) => text.split('\n'));
    return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as HostConnection);
  };
  return {
    env: { NODE_OPTIONS: `--require ${preload}`, INKWELL_E2E_CONNECTIONS_DIR: dir },
    extension,
    all,
    offLoopback: async () => (await all()).filter((entry) => (entry.kind === 'tcp' || entry.kind === 'udp' || entry.kind === 'dns') && !isLoopbackHost(entry.host ?? '')),
    toLoopbackPort: async (port) => (await all()).filter((entry) => entry.kind === 'tcp' && entry.port === port && isLoopbackHost(entry.host ?? '')),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Loopback names and addresses, and the unspecified address: connecting to 0.0.0.0 or :: reaches
 * this host (code-server's /proxy/<port>/ reaches the model file server so). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (['localhost', '::1', '::ffff:127.0.0.1', '0.0.0.0', '::'].includes(bare)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Packs connectionRecorder/ with its own copy of the preload (a .vsix holds only its folder). */
async function packRecorderExtension(dir: string): Promise<string> {
  const root = join(dir, 'extension');
  await mkdir(root);
  for (const file of ['package.json', 'extension.js']) await copyFile(join(recorderExtension, file), join(root, file));
  await copyFile(preload, join(root, 'recordConnections.cjs'));
  return packExtension({ extensionRoot: root, outFile: join(dir, 'connection-recorder.vsix') });
}
