/**
 * Owns the engine for the whole extension: opens it (webview or native worker, behind one
 * transport) on first use, loads the model each request asks for, runs one generation at a time
 * in arrival order, and opens a fresh one when the old one dies. Free of the VS Code API so that
 * tests drive it with a fake transport.
 */
import type { ModelInfo } from '../../../webview/engine/api';
import type { GpuReport, WireGenerationSettings, WireMessage, WireOutcome, WirePrompt } from '../../../webview/protocol/engineProtocol';
import { DEFAULT_TIMING, EngineConnection, type ConnectionTiming, type FailureKind, type LoadSpec } from './engineConnection';
import { EngineHostError } from './engineHostError';
import type { EngineStatus } from './engineStatus';
import type { CancellationSignal, EngineTransport, EngineTransportFactory, Logger, Subscription } from './engineTransport';
import { Listeners } from './listeners';

export interface GenerationJob extends WirePrompt {
  model: LoadSpec;
  settings: WireGenerationSettings;
}

interface QueueItem {
  model: LoadSpec;
  generation?: GenerationJob & { requestId: string; onDelta(text: string): void };
  settle(result: { outcome?: WireOutcome; info?: ModelInfo; error?: Error }): void;
  readonly cancelled: boolean;
  readonly settled: boolean;
}

interface Loaded {
  key: string;
  info: ModelInfo;
  gpu: GpuReport;
}

/** The status bar re-renders at most this often while tokens stream. */
const GENERATING_STATUS_INTERVAL_MS = 250;

export class EngineHost {
  private readonly queue: QueueItem[] = [];
  private current: QueueItem | undefined;
  private pumping = false;
  private transport: EngineTransport | undefined;
  private transportClosed: Subscription | undefined;
  private connection: EngineConnection | undefined;
  private loaded: Loaded | undefined;
  private lastModel: LoadSpec | undefined;
  private statusValue: EngineStatus = { kind: 'stopped' };
  private readonly statusListeners = new Listeners<EngineStatus>();
  private nextRequestId = 1;
  private disposed = false;

  constructor(
    private readonly createTransport: EngineTransportFactory,
    private readonly log: Logger,
    private readonly timing: ConnectionTiming = DEFAULT_TIMING,
  ) {}

  get status(): EngineStatus {
    return this.statusValue;
  }

  /** Whether an engine (webview or worker) is open. */
  get running(): boolean {
    return this.transport !== undefined;
  }

  onDidChangeStatus(listener: (status: EngineStatus) => void): Subscription {
    return this.statusListeners.add(listener);
  }

  /** Loads `model` (after any generations queued before) and tells what it is. */
  prepare(model: LoadSpec, token?: CancellationSignal): Promise<ModelInfo> {
    return this.enqueue<ModelInfo>(model, undefined, token, (r) => r.info!);
  }

  /**
   * Queues a generation. Resolves with the outcome, or with an empty `aborted` one when `token`
   * cancels it before it starts; rejects with an `EngineHostError`.
   */
  generate(job: GenerationJob, onDelta: (text: string) => void, token?: CancellationSignal): Promise<WireOutcome> {
    const requestId = `r${this.nextRequestId++}`;
    return this.enqueue<WireOutcome>(job.model, { ...job, requestId, onDelta }, token, (r) => r.outcome!);
  }

  /** Cancels every queued and running generation; loads go on. */
  cancelGenerations(): void {
    for (const item of [...this.queue, this.current]) if (item?.generation) this.cancel(item);
  }

  /** Drops the webview and opens a fresh one with the last model; an in-flight request fails with `engine-crashed`. */
  restart(): void {
    this.log.info('Restarting the engine webview.');
    this.closeWebview();
    this.setStatus({ kind: 'stopped' });
    if (this.lastModel) void this.prepare(this.lastModel).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    const error = new EngineHostError('engine-crashed', 'Inkwell is shutting down.');
    for (const item of this.queue.splice(0)) item.settle({ error });
    this.closeWebview();
    this.statusListeners.clear();
  }

  private enqueue<T>(
    model: LoadSpec,
    generation: QueueItem['generation'],
    token: CancellationSignal | undefined,
    pick: (result: { outcome?: WireOutcome; info?: ModelInfo }) => T,
  ): Promise<T> {
    if (this.disposed) return Promise.reject(new EngineHostError('engine-crashed', 'Inkwell is shutting down.'));
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let cancelled = false;
      let cancellation: Subscription | undefined;
      const item: QueueItem = {
        model,
        generation,
        get cancelled() {
          return cancelled;
        },
        get settled() {
          return settled;
        },
        settle: (result) => {
          if (settled) return;
          settled = true;
          cancellation?.dispose();
          if (result.error) reject(result.error);
          else resolve(pick(result));
        },
      };
      const cancel = () => {
        cancelled = true;
        this.cancel(item);
      };
      if (token?.isCancellationRequested) {
        cancelled = true;
        item.settle(abortedResult(generation));
        return;
      }
      cancellation = token?.onCancellationRequested(cancel);
      this.queue.push(item);
      void this.pump();
    });
  }

  private cancel(item: QueueItem): void {
    const index = this.queue.indexOf(item);
    if (index >= 0) {
      this.queue.splice(index, 1);
      item.settle(abortedResult(item.generation));
      return;
    }
    if (item !== this.current) return;
    if (this.status.kind === 'generating' && item.generation) {
      // The page answers with `done` (finishReason `aborted`) and what it produced so far.
      this.connection?.cancel(item.generation.requestId);
    } else {
      // Still loading: the load goes on for whoever asks next; this request stops waiting.
      item.settle(abortedResult(item.generation));
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        this.current = item;
        await this.run(item);
        this.current = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }

  private async run(item: QueueItem): Promise<void> {
    try {
      const loaded = await this.ensureLoaded(item.model);
      if (item.cancelled) return;
      const generation = item.generation;
      if (!generation) {
        item.settle({ info: loaded.info });
        return;
      }
      if (hasImages(generation.messages) && !loaded.info.canReadImages) {
        throw new EngineHostError('images-not-supported', `${loaded.info.name} reads text only, and this request has images.`);
      }
      const outcome = await this.runGeneration(loaded, generation);
      item.settle({ outcome });
    } catch (error) {
      item.settle({ error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  private async runGeneration(loaded: Loaded, generation: NonNullable<QueueItem['generation']>): Promise<WireOutcome> {
    const connection = this.connection!;
    const startedAt = Date.now();
    let pieces = 0;
    let reportedAt = 0;
    this.setStatus({ kind: 'generating', info: loaded.info, gpu: loaded.gpu, tokensPerSecond: 0 });
    const onDelta = (text: string) => {
      pieces++;
      const now = Date.now();
      if (now - reportedAt >= GENERATING_STATUS_INTERVAL_MS) {
        reportedAt = now;
        const tokensPerSecond = (pieces * 1000) / Math.max(1, now - startedAt);
        this.setStatus({ kind: 'generating', info: loaded.info, gpu: loaded.gpu, tokensPerSecond });
      }
      generation.onDelta(text);
    };
    try {
      const outcome = await connection.generate(generation.requestId, generation, generation.settings, onDelta);
      this.log.info(
        `Generated ${outcome.generatedTokens} tokens (${outcome.finishReason}) from ${outcome.promptTokens} prompt tokens, ` +
          `${outcome.tokensPerSecond.toFixed(1)} tokens/s, first token after ${Math.round(outcome.timeToFirstTokenMs)} ms.`,
      );
      this.setStatus({ kind: 'ready', info: loaded.info, gpu: loaded.gpu, lastTokensPerSecond: outcome.tokensPerSecond });
      return outcome;
    } catch (error) {
      if (this.connection === connection && !connection.failed) {
        this.setStatus({ kind: 'ready', info: loaded.info, gpu: loaded.gpu });
      }
      throw error;
    }
  }

  private async ensureLoaded(model: LoadSpec): Promise<Loaded> {
    const key = modelKey(model);
    if (this.loaded?.key === key && this.connection && !this.connection.failed) return this.loaded;
    this.lastModel = model;
    const connection = this.openConnection();
    const name = model.source.location;
    this.setStatus({ kind: 'starting', model: name });
    try {
      const gpu = await connection.ready;
      this.log.info(gpu.available ? `WebGPU adapter: ${describeGpu(gpu)}.` : `No WebGPU adapter: ${gpu.reason}`);
      this.log.info(`Loading ${name} (device ${model.device}, dtype ${model.dtype}).`);
      this.setStatus({ kind: 'loading', model: name, fraction: 0, detail: 'starting' });
      const info = await connection.load(model, (fraction, detail) =>
        this.setStatus({ kind: 'loading', model: name, fraction, detail }),
      );
      this.log.info(`Loaded ${info.name} (${info.family}) on ${info.device}, ${info.dtype}.`);
      for (const notice of info.notices) this.log.warn(notice);
      this.loaded = { key, info, gpu };
      this.setStatus({ kind: 'ready', info, gpu });
      return this.loaded;
    } catch (error) {
      if (error instanceof EngineHostError && this.connection === connection) {
        this.log.error(`Loading ${name} failed: ${error.code}: ${error.message}`);
        this.setStatus({ kind: 'error', code: error.code, message: error.message });
      }
      throw error;
    }
  }

  /** A fresh page for every load: switching models this way frees the old one's GPU memory for sure. */
  private openConnection(): EngineConnection {
    this.connection?.dispose();
    this.loaded = undefined;
    if (this.transport) {
      this.transport.reload();
    } else {
      const transport = this.createTransport();
      this.transport = transport;
      this.transportClosed = transport.onClose(() => {
        if (this.transport === transport) this.transport = undefined;
      });
    }
    const connection = new EngineConnection(this.transport, this.log, this.timing);
    connection.onFailure((error, kind) => this.onConnectionFailure(connection, error, kind));
    this.connection = connection;
    return connection;
  }

  private onConnectionFailure(connection: EngineConnection, error: EngineHostError, kind: FailureKind): void {
    if (connection !== this.connection) return;
    const hadModel = this.loaded !== undefined;
    this.connection = undefined;
    this.loaded = undefined;
    // A page that reloaded by itself or hung is not trusted again: the next load opens a new webview.
    this.closeWebview();
    const idle = (this.current === undefined || this.current.settled) && this.queue.length === 0;
    if (kind === 'closed' && idle) this.setStatus({ kind: 'stopped' });
    else this.setStatus({ kind: 'error', code: error.code, message: error.message });
    // A model that was up goes back up at once, so that the retry the failed request's message
    // invites finds it ready. Not after a close (the user's doing, most likely) and not after a
    // page that never got a model up: retrying that by itself would only fail again, in a loop.
    if (kind !== 'closed' && hadModel && this.lastModel) void this.prepare(this.lastModel).catch(() => undefined);
  }

  private closeWebview(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.loaded = undefined;
    connection?.dispose();
    this.transportClosed?.dispose();
    this.transportClosed = undefined;
    const transport = this.transport;
    this.transport = undefined;
    transport?.dispose();
  }

  private setStatus(status: EngineStatus): void {
    this.statusValue = status;
    this.statusListeners.emit(status);
  }
}

export function modelKey(model: LoadSpec): string {
  return JSON.stringify([model.source.location, model.device, model.dtype]);
}

function hasImages(messages: WireMessage[]): boolean {
  return messages.some((message) => message.content.some((part) => part.type === 'image'));
}

function abortedResult(generation: QueueItem['generation']): { outcome?: WireOutcome; error?: Error } {
  if (!generation) return { error: new EngineHostError('aborted', 'Loading the model was cancelled.') };
  return {
    outcome: { text: '', finishReason: 'aborted', promptTokens: 0, generatedTokens: 0, tokensPerSecond: 0, timeToFirstTokenMs: 0 },
  };
}

function describeGpu(gpu: Extract<GpuReport, { available: true }>): string {
  const name = [gpu.vendor, gpu.architecture, gpu.description].filter(Boolean).join(' ') || 'unnamed';
  return `${name}; features: ${gpu.features.join(', ') || 'none'}`;
}
