/**
 * The downloads running in this window. Asking again for a model that is already downloading
 * joins that download (its progress included) instead of starting another; the download stops
 * only when everyone who asked for it has cancelled.
 */
import type { CatalogModel, Precision } from '../common/catalog/catalogModel';
import { cancelledError } from '../common/retryPolicy';
import { downloadModel, type DownloadDeps, type DownloadProgress } from './downloadModel';
import type { InstalledModel } from './modelStore';

type ProgressListener = (progress: DownloadProgress) => void;

export class ModelDownloads {
  private readonly running = new Map<string, SharedDownload>();

  /** `deps` (settings, token) matter only to the request that starts the download; joiners share it. */
  download(model: CatalogModel, precision: Precision, deps: DownloadDeps, signal: AbortSignal, onProgress: ProgressListener): Promise<InstalledModel> {
    const key = `${model.id}\n${precision}`;
    let shared = this.running.get(key);
    if (!shared) {
      const started = new SharedDownload((sharedSignal, report) => downloadModel(model, precision, deps, sharedSignal, report));
      started.done.finally(() => this.running.delete(key)).catch(() => undefined);
      this.running.set(key, started);
      shared = started;
    }
    return shared.join(signal, onProgress);
  }

  isDownloading(id: string): boolean {
    return [...this.running.keys()].some((key) => key.startsWith(`${id}\n`));
  }
}

class SharedDownload {
  readonly done: Promise<InstalledModel>;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<ProgressListener>();
  private participants = 0;
  private latest: DownloadProgress | undefined;

  constructor(run: (signal: AbortSignal, report: ProgressListener) => Promise<InstalledModel>) {
    this.done = run(this.controller.signal, (progress) => {
      this.latest = progress;
      for (const listener of this.listeners) listener(progress);
    });
  }

  join(signal: AbortSignal, onProgress: ProgressListener): Promise<InstalledModel> {
    this.participants++;
    this.listeners.add(onProgress);
    if (this.latest) onProgress(this.latest);
    return new Promise((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        this.listeners.delete(onProgress);
        this.participants--;
      };
      const onAbort = () => {
        if (left) return;
        leave();
        if (this.participants === 0) this.controller.abort();
        reject(cancelledError());
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        (model) => {
          leave();
          resolve(model);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}
