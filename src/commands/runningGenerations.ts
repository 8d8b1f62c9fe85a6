/**
 * The command generations in flight, whichever provider runs them. `inkwell.cancel` stops them
 * here rather than only in the engine: a remote provider's generation never reaches the engine.
 */
export interface Cancellable {
  cancel(): void;
}

export class RunningGenerations {
  private readonly running = new Set<Cancellable>();

  /** Tracks one generation until the returned function is called. */
  add(generation: Cancellable): () => void {
    this.running.add(generation);
    return () => this.running.delete(generation);
  }

  cancelAll(): void {
    for (const generation of [...this.running]) generation.cancel();
  }
}

export const runningGenerations = new RunningGenerations();
