/**
 * One lifetime of one engine webview page: waits for its `ready`, loads a model, runs generations
 * by request id, and notices when the page dies. A page that closes, reloads on its own or stops
 * answering fails everything pending with `engine-crashed`; the connection is then spent and the
 * host opens a new one.
 */
import type { ModelInfo } from '../../../webview/engine/api';
import type {
  EngineToHostMessage,
  GpuReport,
  HostToEngineMessage,
  ModelSource,
  DeviceSetting,
  DtypeSetting,
  WireGenerationSettings,
  WireOutcome,
  WirePrompt,
} from '../../../webview/protocol/engineProtocol';
import { validateEngineToHost } from '../../../webview/protocol/validateEngineMessage';
import { EngineHostError } from './engineHostError';
import type { EngineTransport, Logger, Subscription } from './engineTransport';

export interface LoadSpec {
  source: ModelSource;
  device: DeviceSetting;
  dtype: DtypeSetting;
}

export interface ConnectionTiming {
  /** How long a new page may take to say `ready` (script and ORT start-up, no model yet). */
  readyWithinMs: number;
  /** How often to ask a busy page for a sign of life. */
  pingIntervalMs: number;
  /**
   * Silence from a busy page after which it counts as dead. Generous because WASM inference runs
   * on the page's main thread: one long prefill or session creation blocks every reply meanwhile.
   */
  unresponsiveAfterMs: number;
}

/** How a page died: closed (by the user or VS Code), reloaded by itself, went silent, or crashed (a worker that exited). */
export type FailureKind = 'closed' | 'reloaded' | 'unresponsive' | 'crashed';

export const DEFAULT_TIMING: ConnectionTiming = { readyWithinMs: 30_000, pingIntervalMs: 5_000, unresponsiveAfterMs: 90_000 };

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

interface PendingGeneration extends Pending<WireOutcome> {
  onDelta(text: string): void;
}

export class EngineConnection {
  /** Resolves with the page's GPU report once it says `ready`. */
  readonly ready: Promise<GpuReport>;
  private readyPending: Pending<GpuReport> | undefined;
  private loadPending: (Pending<ModelInfo> & { onProgress(fraction: number, detail: string): void }) | undefined;
  private readonly generations = new Map<string, PendingGeneration>();
  private readonly subscriptions: Subscription[];
  private readonly failureListeners: Array<(error: EngineHostError, kind: FailureKind) => void> = [];
  private failure: EngineHostError | undefined;
  private lastHeardAt = Date.now();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private nextPingId = 1;

  constructor(
    private readonly transport: EngineTransport,
    private readonly log: Logger,
    private readonly timing: ConnectionTiming = DEFAULT_TIMING,
  ) {
    this.ready = new Promise((resolve, reject) => (this.readyPending = { resolve, reject }));
    // A page that dies before anyone awaits `ready` must not surface as an unhandled rejection.
    this.ready.catch(() => undefined);
    this.subscriptions = [
      transport.onMessage((raw) => this.receive(raw)),
      transport.onClose((end) =>
        end.kind === 'crashed'
          ? this.fail(`The Inkwell engine stopped (${end.reason}).`, 'crashed')
          : this.fail('The Inkwell engine webview was closed.', 'closed'),
      ),
    ];
    this.updateHeartbeat();
  }

  get failed(): EngineHostError | undefined {
    return this.failure;
  }

  /** Called once, when the page dies; not called for `dispose()`. */
  onFailure(listener: (error: EngineHostError, kind: FailureKind) => void): void {
    this.failureListeners.push(listener);
  }

  async load(spec: LoadSpec, onProgress: (fraction: number, detail: string) => void): Promise<ModelInfo> {
    await this.ready;
    this.throwIfFailed();
    if (this.loadPending) throw new Error('EngineConnection.load: a load is already in progress');
    const loaded = new Promise<ModelInfo>((resolve, reject) => (this.loadPending = { resolve, reject, onProgress }));
    this.send({ type: 'load', source: spec.source, device: spec.device, dtype: spec.dtype });
    return loaded;
  }

  generate(
    requestId: string,
    prompt: WirePrompt,
    settings: WireGenerationSettings,
    onDelta: (text: string) => void,
  ): Promise<WireOutcome> {
    this.throwIfFailed();
    const done = new Promise<WireOutcome>((resolve, reject) => this.generations.set(requestId, { resolve, reject, onDelta }));
    const { messages, rawPrompt } = prompt;
    this.send({ type: 'generate', requestId, messages, ...(rawPrompt !== undefined && { rawPrompt }), settings });
    return done;
  }

  cancel(requestId: string): void {
    if (this.generations.has(requestId) && !this.failure) this.send({ type: 'cancel', requestId });
  }

  dispose(): void {
    this.stopHeartbeat();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.rejectAll(new EngineHostError('engine-crashed', 'The Inkwell engine was restarted.'));
  }

  private send(message: HostToEngineMessage): void {
    this.transport.post(message);
    this.updateHeartbeat();
  }

  private receive(raw: unknown): void {
    if (this.failure) return;
    const validation = validateEngineToHost(raw);
    if (!validation.ok) {
      this.log.warn(`Ignored a malformed message from the engine webview: ${validation.reason}`);
      return;
    }
    this.lastHeardAt = Date.now();
    const message = validation.message;
    // Until the page says `ready`, anything but its logs is a straggler from the page it replaced.
    if (this.readyPending === undefined || message.type === 'ready' || message.type === 'log') this.handle(message);
    this.updateHeartbeat();
  }

  private handle(message: EngineToHostMessage): void {
    switch (message.type) {
      case 'ready': {
        const pending = this.readyPending;
        if (!pending) {
          this.fail('The Inkwell engine webview reloaded.', 'reloaded');
          return;
        }
        this.readyPending = undefined;
        pending.resolve(message.gpu);
        return;
      }
      case 'loadProgress':
        this.loadPending?.onProgress(message.fraction, message.detail);
        return;
      case 'loaded': {
        const pending = this.loadPending;
        this.loadPending = undefined;
        pending?.resolve(message.info);
        return;
      }
      case 'delta':
        this.generations.get(message.requestId)?.onDelta(message.text);
        return;
      case 'done': {
        const pending = this.generations.get(message.requestId);
        this.generations.delete(message.requestId);
        pending?.resolve(message.outcome);
        return;
      }
      case 'error':
        this.handleError(message.requestId, new EngineHostError(message.code, message.message));
        return;
      case 'log':
        this.log[message.level](`[webview] ${message.message}`);
        return;
      case 'pong':
        return;
    }
  }

  private handleError(requestId: string | undefined, error: EngineHostError): void {
    if (requestId === undefined) {
      const pending = this.loadPending;
      this.loadPending = undefined;
      if (pending) pending.reject(error);
      else this.log.error(`Engine error: ${error.code}: ${error.message}`);
      return;
    }
    const pending = this.generations.get(requestId);
    this.generations.delete(requestId);
    pending?.reject(error);
  }

  private get busy(): boolean {
    return this.readyPending !== undefined || this.loadPending !== undefined || this.generations.size > 0;
  }

  /** Pings only while something waits on the page: an idle page may sleep as long as it likes. */
  private updateHeartbeat(): void {
    if (this.failure || !this.busy) {
      this.stopHeartbeat();
      return;
    }
    if (this.heartbeat) return;
    this.lastHeardAt = Date.now();
    this.heartbeat = setInterval(() => this.checkLiveness(), this.timing.pingIntervalMs);
  }

  private checkLiveness(): void {
    const silentFor = Date.now() - this.lastHeardAt;
    const limit = this.readyPending ? this.timing.readyWithinMs : this.timing.unresponsiveAfterMs;
    if (silentFor >= limit) {
      this.fail(`The Inkwell engine webview stopped answering (silent for ${Math.round(silentFor / 1000)} s).`, 'unresponsive');
      return;
    }
    // Before `ready` the page cannot answer yet; waiting for it is the liveness check.
    if (this.readyPending === undefined) this.transport.post({ type: 'ping', id: this.nextPingId++ });
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private fail(reason: string, kind: FailureKind): void {
    if (this.failure) return;
    const error = new EngineHostError('engine-crashed', `${reason} Try again: Inkwell starts a fresh engine.`);
    this.failure = error;
    this.stopHeartbeat();
    this.log.error(reason);
    this.rejectAll(error);
    for (const listener of this.failureListeners) listener(error, kind);
  }

  private rejectAll(error: EngineHostError): void {
    this.readyPending?.reject(error);
    this.readyPending = undefined;
    this.loadPending?.reject(error);
    this.loadPending = undefined;
    for (const pending of this.generations.values()) pending.reject(error);
    this.generations.clear();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
