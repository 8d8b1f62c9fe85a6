/**
 * The native engine's transport: a `worker_threads` Worker of the extension host running
 * `dist/engineWorker.js` (`../worker/engineWorker.ts`). The worker is the engine's own thread, as
 * the webview's page is for the webview engine: inference never blocks the extension host, and a
 * worker that dies takes nothing else with it. Messages cross by structured clone, so image bytes
 * arrive as `Uint8Array`s, as the protocol's validator wants.
 */
import { Worker } from 'node:worker_threads';
import type { HostToEngineMessage } from '../../../webview/protocol/engineProtocol';
import type { EngineTransport, Subscription, TransportEnd } from '../common/engineTransport';
import type { EngineWorkerData } from '../worker/engineWorkerData';
import { Listeners } from '../common/listeners';

export interface EngineWorkerOptions {
  /** The worker's bundled entry point. */
  script: string;
  data: EngineWorkerData;
}

export class EngineWorkerTransport implements EngineTransport {
  private worker: Worker | undefined;
  private readonly messages = new Listeners<unknown>();
  private readonly ends = new Listeners<TransportEnd>();

  constructor(private readonly options: EngineWorkerOptions) {
    this.worker = this.spawn();
  }

  post(message: HostToEngineMessage): void {
    this.worker?.postMessage(message);
  }

  onMessage(listener: (message: unknown) => void): Subscription {
    return this.messages.add(listener);
  }

  onClose(listener: (end: TransportEnd) => void): Subscription {
    return this.ends.add(listener);
  }

  /** A fresh worker: the only way to be sure the old model's memory is freed, as a page reload is for the webview. */
  reload(): void {
    const old = this.worker;
    this.worker = this.spawn();
    void old?.terminate();
  }

  dispose(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.script, { workerData: this.options.data });
    let failure: Error | undefined;
    worker.on('message', (message: unknown) => {
      if (worker === this.worker) this.messages.emit(message);
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      // A worker replaced by `reload` or ended by `dispose` exits on the host's word: not a crash.
      if (worker !== this.worker) return;
      this.worker = undefined;
      const reason = failure ? `the engine worker failed: ${failure.message}` : `the engine worker exited with code ${code}`;
      this.ends.emit({ kind: 'crashed', reason });
    });
    return worker;
  }
}
