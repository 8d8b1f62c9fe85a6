/**
 * Cancellation in the shape of `vscode.CancellationToken`, made here so that common code can cancel
 * without the VS Code API: a source follows its parent token and can also be cancelled by itself.
 */
import type { GenerationProvider } from '../../providers/provider';

export type CancellationToken = Parameters<GenerationProvider['generate']>[2];

export class CancellationSource {
  private cancelled = false;
  private readonly listeners = new Set<(event: unknown) => unknown>();
  private readonly parentSubscription: { dispose(): unknown } | undefined;
  readonly token: CancellationToken;

  constructor(parent?: CancellationToken) {
    const listeners = this.listeners;
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: (listener: (event: unknown) => unknown) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
    if (parent?.isCancellationRequested) this.cancelled = true;
    else this.parentSubscription = parent?.onCancellationRequested(() => this.cancel());
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const listener of [...this.listeners]) listener(undefined);
  }

  dispose(): void {
    this.parentSubscription?.dispose();
    this.listeners.clear();
  }
}

/** Resolves after `ms`, or as soon as `token` is cancelled. */
export function waitOrCancel(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const subscription = token.onCancellationRequested(done);
    if (token.isCancellationRequested) done();
  });
}
