/**
 * Turns the provider's `onDelta` callbacks into the async stream the stop rules read. When the
 * reader stops early (a stop rule ended the suggestion), `onAbandoned` runs: the caller cancels
 * the generation there, so the engine stops spending time on text nobody will see.
 */
export class DeltaChannel implements AsyncIterable<string> {
  private pending = '';
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly onAbandoned: () => void) {}

  push(delta: string): void {
    if (this.ended) return;
    this.pending += delta;
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    let finished = false;
    try {
      for (;;) {
        if (this.pending) {
          const chunk = this.pending;
          this.pending = '';
          yield chunk;
        } else if (this.failure) {
          throw this.failure.error;
        } else if (this.ended) {
          finished = true;
          return;
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
        }
      }
    } finally {
      if (!finished) this.onAbandoned();
    }
  }
}
