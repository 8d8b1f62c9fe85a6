import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { NodeCaseReply, NodeCaseRequest } from './nodeCase';

/** Bundled for a machine without node_modules (scripts/bench/device), the case is a sibling .mjs. */
const bundled = import.meta.url.endsWith('.mjs');

/** Runs one case in a forked Node process (structured-clone IPC carries the image's bytes). */
export function runNodeCase(request: NodeCaseRequest): Promise<NodeCaseReply> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, bundled ? 'nodeCase.mjs' : 'nodeCase.ts'), [], {
      execArgv: bundled ? [] : ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: NodeCaseReply | undefined;
    child.once('message', (message) => (reply = message as NodeCaseReply));
    child.once('error', reject);
    child.once('exit', (code) => resolve(reply ?? { ok: false, error: `the case process exited with ${code} before replying` }));
    child.send(request);
  });
}
