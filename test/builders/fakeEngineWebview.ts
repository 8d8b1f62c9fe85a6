/**
 * A scripted stand-in for the engine webview: records what the host posts and answers like the
 * real page would (ready, loaded, deltas, done), asynchronously, unless a test scripts otherwise.
 */
import type { EngineTransport, EngineTransportFactory, Logger, Subscription, TransportEnd } from '../../src/engineHost/common/engineTransport';
import type { EngineToHostMessage, GpuReport, HostToEngineMessage } from '../../webview/protocol/engineProtocol';
import { aDoneMessage, aGpuReport, aLoadedMessage } from './engineMessages';
import { Listeners } from '../../src/engineHost/common/listeners';

type Of<T extends HostToEngineMessage['type']> = Extract<HostToEngineMessage, { type: T }>;

export interface FakeWebviewScript {
  gpu: GpuReport;
  /** Whether a new page says `ready` by itself. */
  announcesReady: boolean;
  onLoad(message: Of<'load'>, page: FakeEngineWebview): void;
  onGenerate(message: Of<'generate'>, page: FakeEngineWebview): void;
  onCancel(message: Of<'cancel'>, page: FakeEngineWebview): void;
  answersPings: boolean;
}

export const defaultScript: FakeWebviewScript = {
  gpu: aGpuReport(),
  announcesReady: true,
  onLoad: (_message, page) => page.send(aLoadedMessage()),
  onGenerate: (message, page) => {
    page.send({ type: 'delta', requestId: message.requestId, text: 'Hel' });
    page.send({ type: 'delta', requestId: message.requestId, text: 'lo!' });
    page.send(aDoneMessage(message.requestId));
  },
  onCancel: (message, page) => page.send(aDoneMessage(message.requestId, { text: 'Hel', finishReason: 'aborted' })),
  answersPings: true,
};

/** A generation that streams nothing and never ends until the test says so: for queueing and cancelling. */
export const holdsGenerations: Pick<FakeWebviewScript, 'onGenerate'> = { onGenerate: () => undefined };

export class FakeEngineWebview implements EngineTransport {
  readonly posted: HostToEngineMessage[] = [];
  reloads = 0;
  disposed = false;
  private readonly messages = new Listeners<unknown>();
  private readonly ends = new Listeners<TransportEnd>();

  constructor(readonly script: FakeWebviewScript) {
    this.announce();
  }

  post(message: HostToEngineMessage): void {
    this.posted.push(message);
    switch (message.type) {
      case 'load':
        return this.script.onLoad(message, this);
      case 'generate':
        return this.script.onGenerate(message, this);
      case 'cancel':
        return this.script.onCancel(message, this);
      case 'ping':
        if (this.script.answersPings) this.send({ type: 'pong', id: message.id });
        return;
      case 'dispose':
        return;
    }
  }

  onMessage(listener: (message: unknown) => void): Subscription {
    return this.messages.add(listener);
  }

  onClose(listener: (end: TransportEnd) => void): Subscription {
    return this.ends.add(listener);
  }

  reload(): void {
    this.reloads++;
    this.announce();
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Delivers a message from the page, after the current task, as postMessage does. */
  send(message: EngineToHostMessage | unknown): void {
    setImmediate(() => {
      if (!this.disposed) this.messages.emit(message);
    });
  }

  /** The user closes the tab; or, with `crashed`, the engine dies by itself (a worker that exited). */
  close(end: TransportEnd = { kind: 'closed' }): void {
    this.disposed = true;
    this.ends.emit(end);
  }

  postedOfType<T extends HostToEngineMessage['type']>(type: T): Of<T>[] {
    return this.posted.filter((message): message is Of<T> => message.type === type);
  }

  private announce(): void {
    if (this.script.announcesReady) this.send({ type: 'ready', gpu: this.script.gpu });
  }
}

/** A factory that opens fake pages following `script`, keeping each one it opened. */
export function fakeWebviews(script: Partial<FakeWebviewScript> = {}): { factory: EngineTransportFactory; opened: FakeEngineWebview[] } {
  const opened: FakeEngineWebview[] = [];
  const factory = () => {
    const page = new FakeEngineWebview({ ...defaultScript, ...script });
    opened.push(page);
    return page;
  };
  return { factory, opened };
}

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function aRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** Lets every message already in flight (and the host's reactions to them) arrive. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A cancellation token the test cancels by hand, shaped like `vscode.CancellationToken`. */
export function aCancellationSource(): { token: { isCancellationRequested: boolean; onCancellationRequested(listener: () => void): Subscription }; cancel(): void } {
  const listeners = new Set<() => void>();
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(listener: () => void): Subscription {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return {
    token,
    cancel() {
      token.isCancellationRequested = true;
      for (const listener of listeners) listener();
    },
  };
}
