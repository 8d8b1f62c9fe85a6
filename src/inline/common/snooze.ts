/** A pause of inline completions for a while, over by itself. */
export class Snooze {
  private until: number | undefined;

  constructor(private readonly now: () => number) {}

  start(ms: number): void {
    this.until = this.now() + ms;
  }

  stop(): void {
    this.until = undefined;
  }

  /** Milliseconds left, or 0 when not snoozed. */
  remainingMs(): number {
    if (this.until === undefined) return 0;
    const left = this.until - this.now();
    if (left <= 0) this.until = undefined;
    return Math.max(0, left);
  }
}
