/** Download speed over the last few seconds, so the ETA follows the network rather than its history. */

const WINDOW_MS = 5_000;

export class SpeedMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];

  /** Records the total bytes done at time `at` (ms). */
  record(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1].at >= WINDOW_MS) this.samples.shift();
  }

  /** Undefined until half a second of samples exists. */
  bytesPerSecond(): number | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || last.at - first.at < 500) return undefined;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}
