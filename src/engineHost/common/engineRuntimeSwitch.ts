/**
 * One engine transport that is, underneath, either the engine webview or the native engine
 * worker, as `chooseEngineRuntime` decides, so that `EngineHost` and `EngineConnection` stay as
 * they are. Where the choice needs the webview's GPU report, the webview is opened first and its
 * `ready` decides: with no WebGPU adapter it is closed again and the worker takes over (its own
 * `ready` is the one the connection sees). A worker that cannot start (no onnxruntime-node binary
 * for this platform) gives way to the webview, with a notice on the model it then loads.
 */
import type { EngineToHostMessage, DeviceSetting, HostToEngineMessage } from '../../../webview/protocol/engineProtocol';
import { validateEngineToHost } from '../../../webview/protocol/validateEngineMessage';
import { chooseEngineRuntime, NATIVE_UNAVAILABLE, type CpuRuntimeSetting, type RuntimeDecision, type RuntimeFacts } from './chooseEngineRuntime';
import type { EngineTransport, Logger, Subscription, TransportEnd } from './engineTransport';
import { Listeners } from './listeners';

export interface EngineRuntimeSwitchOptions<W extends EngineTransport> {
  openWebview(): W;
  openNative(): EngineTransport;
  /** Read at every (re)start, so a changed `inkwell.device` or `inkwell.engine.cpuRuntime` counts. */
  settings(): { cpuRuntime: CpuRuntimeSetting; device: DeviceSetting };
  /** Shared by every switch of the session: the GPU is probed once, a failed native start is not retried. */
  facts: RuntimeFacts;
  log: Logger;
}

type Underneath<W> =
  | { kind: 'webview'; transport: W; probing: boolean }
  | { kind: 'native'; transport: EngineTransport; started: boolean };

export class EngineRuntimeSwitch<W extends EngineTransport> implements EngineTransport {
  private current: Underneath<W> | undefined;
  private currentSubscriptions: Subscription[] = [];
  private readonly messages = new Listeners<unknown>();
  private readonly ends = new Listeners<TransportEnd>();
  /** Notices for the next model loaded: the fallback from a native runtime that did not start. */
  private readonly pendingNotices: string[] = [];

  constructor(private readonly options: EngineRuntimeSwitchOptions<W>) {
    this.switchTo(this.decide());
  }

  /** The webview underneath, if that is where the engine runs (to reveal it). */
  get webview(): W | undefined {
    return this.current?.kind === 'webview' ? this.current.transport : undefined;
  }

  post(message: HostToEngineMessage): void {
    this.current?.transport.post(message);
  }

  onMessage(listener: (message: unknown) => void): Subscription {
    return this.messages.add(listener);
  }

  onClose(listener: (end: TransportEnd) => void): Subscription {
    return this.ends.add(listener);
  }

  reload(): void {
    const decision = this.decide();
    const current = this.current;
    // Keep the open webview (and its tab) when the webview stays the place: only its page reloads.
    if (current?.kind === 'webview' && decision.runtime !== 'native') {
      current.probing = decision.runtime === 'probe';
      current.transport.reload();
      return;
    }
    this.switchTo(decision);
  }

  dispose(): void {
    this.detach()?.dispose();
  }

  private decide(): RuntimeDecision {
    const { cpuRuntime, device } = this.options.settings();
    return chooseEngineRuntime({ setting: cpuRuntime, device, ...this.options.facts });
  }

  private switchTo(decision: RuntimeDecision): void {
    this.detach()?.dispose();
    const { log } = this.options;
    if (decision.runtime === 'native') {
      log.info(`Engine: native onnxruntime-node (CPU) in a worker thread of the extension host, because ${decision.reason}.`);
      this.attach({ kind: 'native', transport: this.options.openNative(), started: false });
      return;
    }
    if (decision.runtime === 'webview') log.info(`Engine: the engine webview (onnxruntime-web), because ${decision.reason}.`);
    else log.info('Engine: opening the engine webview to learn whether it has WebGPU.');
    this.attach({ kind: 'webview', transport: this.options.openWebview(), probing: decision.runtime === 'probe' });
  }

  private attach(underneath: Underneath<W>): void {
    this.current = underneath;
    this.currentSubscriptions = [
      underneath.transport.onMessage((message) => this.receive(underneath, message)),
      underneath.transport.onClose((end) => this.ended(underneath, end)),
    ];
  }

  /** Stops listening to the current transport and hands it back (to dispose, unless it is gone already). */
  private detach(): EngineTransport | undefined {
    for (const subscription of this.currentSubscriptions.splice(0)) subscription.dispose();
    const transport = this.current?.transport;
    this.current = undefined;
    return transport;
  }

  private receive(from: Underneath<W>, raw: unknown): void {
    if (from !== this.current) return;
    const validation = validateEngineToHost(raw);
    // Malformed messages go on as they are: the connection logs and drops them.
    const message = validation.ok ? validation.message : undefined;
    if (from.kind === 'webview' && from.probing && message?.type === 'ready') {
      from.probing = false;
      this.options.facts.gpu = message.gpu;
      const decision = this.decide();
      if (decision.runtime === 'native') {
        this.switchTo(decision);
        return;
      }
      if (decision.runtime === 'webview') this.options.log.info(`Engine: staying in the engine webview, because ${decision.reason}.`);
    }
    if (from.kind === 'native' && !from.started) {
      if (message?.type === 'error' && message.code === NATIVE_UNAVAILABLE) {
        this.nativeFailed(message.message);
        return;
      }
      from.started = message?.type === 'ready';
    }
    this.deliver(message?.type === 'loaded' ? this.withPendingNotices(message) : raw);
  }

  private ended(from: Underneath<W>, end: TransportEnd): void {
    if (from !== this.current) return;
    if (from.kind === 'native' && !from.started) {
      this.nativeFailed(end.kind === 'crashed' ? end.reason : 'the engine worker closed before it started');
      return;
    }
    this.detach();
    this.ends.emit(end);
  }

  private nativeFailed(reason: string): void {
    this.options.facts.nativeFailure = reason;
    const notice = `The native CPU runtime (onnxruntime-node) could not start here (${reason}); running in the engine webview instead.`;
    this.options.log.warn(notice);
    this.pendingNotices.push(notice);
    this.switchTo(this.decide());
  }

  private withPendingNotices(message: Extract<EngineToHostMessage, { type: 'loaded' }>): EngineToHostMessage {
    if (this.pendingNotices.length === 0) return message;
    const notices = this.pendingNotices.splice(0);
    return { ...message, info: { ...message.info, notices: [...notices, ...message.info.notices] } };
  }

  private deliver(message: unknown): void {
    this.messages.emit(message);
  }
}
