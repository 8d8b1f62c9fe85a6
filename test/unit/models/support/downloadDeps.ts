/** Download dependencies for tests: a store in a temporary folder, the loopback Hub, short timings. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DownloadDeps } from '../../../../src/models/node/downloadModel';
import { HubClient } from '../../../../src/models/node/hubClient';
import { ModelStore } from '../../../../src/models/node/modelStore';

export interface TestDeps extends DownloadDeps {
  /** Lines the download logged. */
  lines: string[];
  /** How many Hub clients were created (offline mode must create none). */
  clientsCreated: () => number;
}

/**
 * Stall detection in tests: long enough that a busy machine (CI runs other suites beside this one)
 * never mistakes a slow event loop for a silent server; the stall test sets its own short value.
 */
const TEST_STALL_TIMEOUT_MS = 10_000;

export function downloadDeps(
  store: ModelStore,
  endpoint: string,
  overrides: Partial<DownloadDeps> & { token?: string; stallTimeoutMs?: number } = {},
): TestDeps {
  const lines: string[] = [];
  let clients = 0;
  const { token, stallTimeoutMs = TEST_STALL_TIMEOUT_MS, ...rest } = overrides;
  return {
    store,
    endpoint,
    hubClient: () => {
      clients++;
      return new HubClient({ endpoint, token, proxy: { noProxy: [], strictSSL: true }, stallTimeoutMs, userAgent: 'inkwell-test' });
    },
    offline: false,
    maxParallel: 3,
    retry: { attempts: 3, backoffMs: [10], maxRetryAfterMs: 2_000 },
    lockTiming: { heartbeatMs: 50, staleAfterMs: 1_000, pollMs: 20 },
    freeBytes: async () => 1e12,
    log: (line) => lines.push(line),
    lines,
    clientsCreated: () => clients,
    ...rest,
  };
}

/** A fresh store folder, removed by the returned cleanup. */
export async function temporaryStore(): Promise<{ store: ModelStore; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'inkwell-models-'));
  return { store: new ModelStore(root), cleanup: () => rm(root, { recursive: true, force: true }) };
}
