/**
 * One download per model across VS Code windows. The window that creates the lock file (O_EXCL)
 * owns the download and rewrites the file every `heartbeatMs` with its progress; another window
 * finding it follows that progress instead of downloading the same bytes. A lock whose owner's
 * process is gone, or whose heartbeat is older than `staleAfterMs` (a frozen or remote process),
 * is taken over. Two windows taking over the same stale lock in the same instant could both win;
 * the loser notices at its next heartbeat and stops.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { Precision } from '../common/catalog/catalogModel';
import { writeJsonAtomically } from './modelStore';

export interface LockTiming {
  heartbeatMs: number;
  staleAfterMs: number;
  /** How often a follower reads the owner's progress. */
  pollMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { heartbeatMs: 2_000, staleAfterMs: 20_000, pollMs: 500 };

export interface LockState {
  owner: string;
  pid: number;
  host: string;
  heartbeatAt: number;
  precision: Precision;
  doneBytes: number;
  totalBytes: number;
}

export type LockReading = LockState | 'absent' | 'unreadable';

export class DownloadLock {
  private readonly timer: NodeJS.Timeout;
  private state: LockState;
  private beating: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    initial: LockState,
    timing: LockTiming,
    /** Called once if another window took the lock over. */
    private readonly onLost: () => void,
  ) {
    this.state = initial;
    this.timer = setInterval(() => {
      this.beating = this.beating.then(() => this.heartbeat());
    }, timing.heartbeatMs);
    this.timer.unref();
  }

  /** The lock, or what the current owner says when another window holds it. */
  static async acquire(path: string, precision: Precision, timing: LockTiming, onLost: () => void): Promise<DownloadLock | LockState> {
    await mkdir(dirname(path), { recursive: true });
    for (;;) {
      const state: LockState = { owner: randomUUID(), pid: process.pid, host: hostname(), heartbeatAt: Date.now(), precision, doneBytes: 0, totalBytes: 0 };
      const created = await writeFile(path, JSON.stringify(state), { flag: 'wx' }).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false;
          throw error;
        },
      );
      if (created) return new DownloadLock(path, state, timing, onLost);
      const current = await readLock(path);
      if (current === 'absent') continue;
      if (current === 'unreadable') {
        // Being written this instant, or left damaged by a crash: the file's age tells which.
        const age = await stat(path).then((info) => Date.now() - info.mtimeMs, () => 0);
        if (age <= timing.staleAfterMs) return { owner: '', pid: 0, host: '', heartbeatAt: Date.now(), precision, doneBytes: 0, totalBytes: 0 };
        await rm(path, { force: true });
        continue;
      }
      if (!isStale(current, Date.now(), timing)) return current;
      await rm(path, { force: true });
    }
  }

  progress(doneBytes: number, totalBytes: number): void {
    this.state = { ...this.state, doneBytes, totalBytes };
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    const current = await readLock(this.path);
    if (typeof current === 'object' && current.owner === this.state.owner) await rm(this.path, { force: true });
  }

  private async heartbeat(): Promise<void> {
    const current = await readLock(this.path);
    if (typeof current === 'object' && current.owner !== this.state.owner) {
      clearInterval(this.timer);
      this.onLost();
      return;
    }
    this.state = { ...this.state, heartbeatAt: Date.now() };
    await writeJsonAtomically(this.path, this.state).catch(() => undefined);
  }
}

export async function readLock(path: string): Promise<LockReading> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return 'absent';
  try {
    const state = JSON.parse(text) as LockState;
    return typeof state.owner === 'string' && typeof state.heartbeatAt === 'number' ? state : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

export function isStale(state: LockState, now: number, timing: LockTiming): boolean {
  if (now - state.heartbeatAt > timing.staleAfterMs) return true;
  return state.host === hostname() && !processExists(state.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
