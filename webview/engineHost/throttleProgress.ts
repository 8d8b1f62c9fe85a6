/**
 * Passes on at most one load-progress report per interval (and always the final one). The engine
 * reports per network chunk: a 300 MB file arrives in ~4,800 chunks, and each report would cross
 * to the extension host and repaint the status bar.
 */
export type ProgressReport = (fraction: number, detail: string) => void;

export function throttleProgress(report: ProgressReport, intervalMs: number, now: () => number = () => performance.now()): ProgressReport {
  let lastAt = Number.NEGATIVE_INFINITY;
  return (fraction, detail) => {
    const at = now();
    if (fraction < 1 && at - lastAt < intervalMs) return;
    lastAt = at;
    report(fraction, detail);
  };
}
