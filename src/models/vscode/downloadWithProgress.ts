/**
 * Runs one download under a cancellable progress notification: MB done of the total, speed and
 * time left, or what it is waiting for. Resolves undefined when the user cancels.
 */
import * as vscode from 'vscode';
import type { CatalogModel, Precision } from '../common/catalog/catalogModel';
import { formatProgress } from '../common/formatProgress';
import { ModelsError } from '../common/modelsError';
import { DEFAULT_RETRY } from '../common/retryPolicy';
import { SpeedMeter } from '../common/speedMeter';
import { DEFAULT_LOCK_TIMING } from '../node/downloadLock';
import type { DownloadDeps, DownloadProgress } from '../node/downloadModel';
import { freeDiskSpace } from '../node/freeDiskSpace';
import { HubClient } from '../node/hubClient';
import type { InstalledModel } from '../node/modelStore';
import { readHubSettings } from './hubSettings';
import { readHubToken } from './hubToken';
import type { ModelManagement } from './modelManagement';

/** A silent connection is given up after this long (and retried from where it stopped). */
const STALL_TIMEOUT_MS = 30_000;
/** Files fetched at once: enough to fill a fast line with the Hub's per-connection CDN speed, few enough to be polite. */
const PARALLEL_FILES = 3;
/** The notification is redrawn at most this often. */
const REDRAW_MS = 250;

export async function downloadWithProgress(management: ModelManagement, model: CatalogModel, precision: Precision): Promise<InstalledModel | undefined> {
  const deps = await downloadDeps(management);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Inkwell: downloading ${model.label} (${precision})`, cancellable: true },
    async (progress, cancellation) => {
      const cancel = new AbortController();
      cancellation.onCancellationRequested(() => cancel.abort());
      const meter = new SpeedMeter();
      let shownFraction = 0;
      let drawnAt = 0;
      const report = (update: DownloadProgress) => {
        if (update.phase === 'checking') return progress.report({ message: 'checking the files with the Hub…' });
        const now = Date.now();
        meter.record(now, update.doneBytes);
        if (now - drawnAt < REDRAW_MS && update.doneBytes < update.totalBytes) return;
        drawnAt = now;
        const fraction = update.totalBytes > 0 ? update.doneBytes / update.totalBytes : 0;
        const increment = Math.max(0, fraction - shownFraction) * 100;
        shownFraction = Math.max(fraction, shownFraction);
        const text = formatProgress({ doneBytes: update.doneBytes, totalBytes: update.totalBytes, bytesPerSecond: meter.bytesPerSecond() });
        progress.report({ increment, message: update.phase === 'following' ? `${text} (downloading in another window)` : text });
      };
      try {
        return await management.downloads.download(model, precision, deps, cancel.signal, report);
      } catch (error) {
        if (error instanceof ModelsError && error.code === 'cancelled') {
          management.log.info(`${model.id} (${precision}): download cancelled.`);
          return undefined;
        }
        throw error;
      }
    },
  );
}

async function downloadDeps(management: ModelManagement): Promise<DownloadDeps> {
  const settings = readHubSettings();
  const token = await readHubToken(management.secrets);
  return {
    store: management.store,
    hubClient: () => new HubClient({ endpoint: settings.endpoint, token, proxy: settings.proxy, stallTimeoutMs: STALL_TIMEOUT_MS, userAgent: management.userAgent }),
    endpoint: settings.endpoint,
    offline: settings.offline,
    maxParallel: PARALLEL_FILES,
    retry: DEFAULT_RETRY,
    lockTiming: DEFAULT_LOCK_TIMING,
    freeBytes: freeDiskSpace,
    log: (line) => management.log.info(line),
  };
}
