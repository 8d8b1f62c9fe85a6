/**
 * Local accounting of inline completions: how many were shown and accepted, and how long a
 * suggestion took from the keystroke to being ready. Nothing leaves the machine.
 */

/** Latencies kept for the percentiles: the most recent ones. */
const LATENCY_SAMPLES = 1_000;

export interface StatsSnapshot {
  /** Suggestions the model made and the editor was given. */
  shown: number;
  /** Of those, accepted whole (Tab); word or line accepts are not reported by VS Code's API. */
  accepted: number;
  /** Times a suggestion stayed on screen because the user typed the start of it. */
  keptWhileTyping: number;
  /** Requests a newer keystroke made obsolete before they finished. */
  cancelled: number;
  failed: number;
  latencyMs: { p50: number; p95: number; samples: number } | undefined;
}

export class CompletionStats {
  private readonly counts = { shown: 0, accepted: 0, keptWhileTyping: 0, cancelled: 0, failed: 0 };
  private readonly latencies: number[] = [];

  recordShown(latencyMs: number): void {
    this.counts.shown++;
    this.latencies.push(latencyMs);
    if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
  }

  recordAccepted(): void {
    this.counts.accepted++;
  }

  recordKept(): void {
    this.counts.keptWhileTyping++;
  }

  recordCancelled(): void {
    this.counts.cancelled++;
  }

  recordFailed(): void {
    this.counts.failed++;
  }

  snapshot(): StatsSnapshot {
    const samples = this.latencies.length;
    const latencyMs = samples === 0 ? undefined : { p50: percentile(this.latencies, 50), p95: percentile(this.latencies, 95), samples };
    return { ...this.counts, latencyMs };
  }
}

/** Nearest-rank percentile: a value that was actually measured. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function describeStats(stats: StatsSnapshot): string {
  const rate = stats.shown === 0 ? '' : ` (${Math.round((100 * stats.accepted) / stats.shown)}%)`;
  const latency = stats.latencyMs
    ? `keystroke to suggestion p50 ${Math.round(stats.latencyMs.p50)} ms, p95 ${Math.round(stats.latencyMs.p95)} ms over ${stats.latencyMs.samples}`
    : 'no latency measured yet';
  return (
    `Inline completions: ${stats.shown} shown, ${stats.accepted} accepted${rate}, ${stats.keptWhileTyping} kept while typing, ` +
    `${stats.cancelled} cancelled by newer keystrokes, ${stats.failed} failed; ${latency}.`
  );
}
