/**
 * Downloads one precision of a catalog model into the store: checks every file's Hub facts
 * against the catalog, checks the disk has room, fetches the files a few at a time (each resumed
 * and verified by fetchFile), and lands them in the store only when all are verified. Another
 * window's download of the same model is followed, not repeated (downloadLock.ts).
 * Cancelling deletes what was fetched; any other failure keeps the `.part` files, so that the
 * next attempt resumes from them instead of starting over.
 */
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { filesFor, type CatalogFile, type CatalogModel, type Precision } from '../common/catalog/catalogModel';
import { checkAgainstCatalog, type ExpectedFile } from '../common/checkAgainstCatalog';
import { formatBytes, formatDuration } from '../common/formatProgress';
import type { HubFileFacts } from '../common/hubFileFacts';
import { mapBounded } from '../common/mapBounded';
import { ModelsError } from '../common/modelsError';
import { cancelledError, sleep, withRetries, type RetryPolicy } from '../common/retryPolicy';
import { DownloadLock, isStale, readLock, type LockTiming } from './downloadLock';
import { fetchFile, partSize } from './fetchFile';
import type { HubClient } from './hubClient';
import type { InstalledModel, ModelStore } from './modelStore';

export interface DownloadDeps {
  store: ModelStore;
  /** Never called in offline mode: no client, no request. */
  hubClient: () => HubClient;
  endpoint: string;
  offline: boolean;
  maxParallel: number;
  retry: RetryPolicy;
  lockTiming: LockTiming;
  freeBytes: (path: string) => Promise<number>;
  log: (line: string) => void;
}

export interface DownloadProgress {
  /** `checking`: asking the Hub about the files; `following`: another window is downloading. */
  phase: 'checking' | 'downloading' | 'following';
  doneBytes: number;
  totalBytes: number;
}

/** Left free after a download, so a model never fills the disk to the last byte. */
export const DISK_RESERVE_BYTES = 50e6;

export async function downloadModel(
  model: CatalogModel,
  precision: Precision,
  deps: DownloadDeps,
  signal: AbortSignal,
  onProgress: (progress: DownloadProgress) => void,
): Promise<InstalledModel> {
  if (deps.offline) {
    throw new ModelsError(
      'offline',
      `Inkwell is in offline mode (inkwell.hub.offline), so it does not download ${model.label}. Turn offline mode off, or use a model folder on this machine.`,
    );
  }
  for (;;) {
    if (signal.aborted) throw cancelledError();
    const installed = await deps.store.installed(model.id);
    const present = installed ? await presentFiles(deps.store, installed) : [];
    const plan = filesFor(model, precision).filter((file) => !present.some((done) => done.path === file.path));
    if (installed && plan.length === 0) return installed;
    const lost = new AbortController();
    const lock = await DownloadLock.acquire(deps.store.lockPathOf(model.id), precision, deps.lockTiming, () => lost.abort());
    if (!(lock instanceof DownloadLock)) {
      deps.log(`${model.id}: another window is downloading it; following its progress.`);
      await followOtherWindow(deps, model, signal, onProgress);
      continue;
    }
    try {
      return await downloadOwned(model, precision, plan, installed, deps, AbortSignal.any([signal, lost.signal]), (progress) => {
        lock.progress(progress.doneBytes, progress.totalBytes);
        onProgress(progress);
      });
    } catch (error) {
      if (signal.aborted) {
        await rm(deps.store.downloadsOf(model.id), { recursive: true, force: true });
        throw cancelledError();
      }
      if (lost.signal.aborted) throw new ModelsError('interrupted', `Another window took over the download of ${model.label}.`);
      throw error;
    } finally {
      await lock.release();
    }
  }
}

async function downloadOwned(
  model: CatalogModel,
  precision: Precision,
  plan: CatalogFile[],
  installed: InstalledModel | undefined,
  deps: DownloadDeps,
  signal: AbortSignal,
  report: (progress: DownloadProgress) => void,
): Promise<InstalledModel> {
  const client = deps.hubClient();
  const onRetry = (what: string) => (error: ModelsError, waitMs: number) =>
    deps.log(`${model.id} ${what}: ${error.message} Trying again in ${formatDuration(waitMs / 1000)}.`);
  const factsOf = (path: string, revision: string, fileSignal: AbortSignal) =>
    withRetries(() => client.fileFacts({ repo: model.repo, revision, path }, fileSignal), deps.retry, fileSignal, onRetry(path));

  report({ phase: 'checking', doneBytes: 0, totalBytes: 0 });
  // A model that gains a precision stays on the commit its other files came from.
  const first = await factsOf(plan[0].path, installed?.commit ?? model.revision, signal);
  const commit = first.commit;
  if (/^[0-9a-f]{40}$/.test(model.revision) && commit !== model.revision) {
    throw new ModelsError('catalog-mismatch', `The Hub answered for ${model.repo}@${model.revision} with commit ${commit}; the catalog pins ${model.revision}.`);
  }
  const where = `${model.repo}@${commit.slice(0, 7)}`;
  const expected = await mapBounded(plan, deps.maxParallel, signal, async (file, fileSignal) => {
    const facts: HubFileFacts = file === plan[0] ? first : await factsOf(file.path, commit, fileSignal);
    return checkAgainstCatalog(file, facts, where);
  });

  const staging = deps.store.stagingOf(model.id, commit);
  await removeOtherAttempts(deps.store.downloadsOf(model.id), commit);
  const staged = await Promise.all(expected.map((file) => stagedBytes(staging, file)));
  const totalBytes = sum(expected.map((file) => file.size));
  let doneBytes = sum(staged);
  await checkDiskSpace(model, totalBytes - doneBytes, deps);
  deps.log(`${model.id} (${precision}) at ${commit}: ${expected.length} files, ${formatBytes(totalBytes)}${doneBytes > 0 ? `, ${formatBytes(doneBytes)} already here` : ''}.`);
  report({ phase: 'downloading', doneBytes, totalBytes });

  await mapBounded(expected, deps.maxParallel, signal, async (file, fileSignal) => {
    const target = join(staging, file.path);
    if (await isComplete(target, file)) return;
    await mkdir(dirname(target), { recursive: true });
    const onBytes = (delta: number) => {
      doneBytes += delta;
      report({ phase: 'downloading', doneBytes, totalBytes });
    };
    await fetchFile(client, { repo: model.repo, revision: commit, expected: file, partPath: `${target}.part`, onBytes, onRetry: onRetry(file.path) }, deps.retry, fileSignal);
    await rename(`${target}.part`, target);
  });

  const manifest: InstalledModel = {
    id: model.id,
    repo: model.repo,
    commit,
    endpoint: deps.endpoint,
    precisions: [...new Set([...(installed?.precisions ?? []), precision])],
    files: [...(installed?.files.filter((file) => !expected.some((e) => e.path === file.path)) ?? []), ...expected],
    installedAt: new Date().toISOString(),
  };
  await deps.store.land(staging, expected.map((file) => file.path), manifest);
  await removeEmptyFolders(deps.store.downloadsOf(model.id));
  deps.log(`${model.id} (${precision}) verified and installed in ${deps.store.folderOf(model.id)}.`);
  return manifest;
}

async function followOtherWindow(deps: DownloadDeps, model: CatalogModel, signal: AbortSignal, onProgress: (progress: DownloadProgress) => void): Promise<void> {
  const path = deps.store.lockPathOf(model.id);
  for (;;) {
    const state = await readLock(path);
    if (state === 'absent') return;
    if (typeof state === 'object') {
      if (isStale(state, Date.now(), deps.lockTiming)) return;
      onProgress({ phase: 'following', doneBytes: state.doneBytes, totalBytes: state.totalBytes });
    }
    await sleep(deps.lockTiming.pollMs, signal);
  }
}

async function checkDiskSpace(model: CatalogModel, neededBytes: number, deps: DownloadDeps): Promise<void> {
  const free = await deps.freeBytes(deps.store.storagePath);
  if (neededBytes + DISK_RESERVE_BYTES <= free) return;
  throw new ModelsError(
    'disk-full',
    `${model.label} needs ${formatBytes(neededBytes)} more, but the disk holding ${deps.store.storagePath} has ${formatBytes(free)} free ` +
      `(Inkwell leaves ${formatBytes(DISK_RESERVE_BYTES)} free). Free some space, or delete models you do not use with "Inkwell: Manage Models".`,
  );
}

/** The manifest's files that are still on disk as they were installed. */
async function presentFiles(store: ModelStore, installed: InstalledModel): Promise<ExpectedFile[]> {
  const missing = await store.missingFiles(installed);
  return installed.files.filter((file) => !missing.includes(file.path));
}

/** A file verified in an earlier attempt counts whole; a `.part` counts what it holds. */
async function stagedBytes(staging: string, file: ExpectedFile): Promise<number> {
  const target = join(staging, file.path);
  return (await isComplete(target, file)) ? file.size : Math.min(await partSize(`${target}.part`), file.size);
}

async function isComplete(target: string, file: ExpectedFile): Promise<boolean> {
  return stat(target).then((info) => info.size === file.size, () => false);
}

/** Partial files of another commit would never verify against this one's digests. */
async function removeOtherAttempts(downloads: string, commit: string): Promise<void> {
  for (const entry of await readdir(downloads).catch(() => [] as string[])) {
    if (entry !== commit) await rm(join(downloads, entry), { recursive: true, force: true });
  }
}

async function removeEmptyFolders(folder: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return;
  for (const entry of entries) if (entry.isDirectory()) await removeEmptyFolders(join(folder, entry.name));
  await rmdir(folder).catch(() => undefined);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
