/** Wording for download sizes, speeds and times: decimal units, as the Hub shows sizes. */

export interface TransferProgress {
  doneBytes: number;
  totalBytes: number;
  /** Undefined until there is enough to measure. */
  bytesPerSecond?: number;
}

/** "120.5 / 540.6 MB · 12.3 MB/s · 35 s left" */
export function formatProgress({ doneBytes, totalBytes, bytesPerSecond }: TransferProgress): string {
  const unit = unitFor(totalBytes);
  const parts = [`${(doneBytes / unit.size).toFixed(1)} / ${(totalBytes / unit.size).toFixed(1)} ${unit.name}`];
  if (bytesPerSecond !== undefined && bytesPerSecond > 0) {
    parts.push(`${formatBytes(bytesPerSecond)}/s`);
    parts.push(`${formatDuration((totalBytes - doneBytes) / bytesPerSecond)} left`);
  }
  return parts.join(' · ');
}

/** "264 MB", "1.03 GB", "7.3 kB", "68 B": three significant digits. */
export function formatBytes(bytes: number): string {
  const unit = unitFor(bytes);
  if (unit.size === 1) return `${Math.round(bytes)} B`;
  const value = bytes / unit.size;
  return `${value >= 100 ? Math.round(value) : value.toPrecision(3).replace(/\.?0+$/, '')} ${unit.name}`;
}

/** "0.3 s", "35 s", "4 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds > 0 && seconds < 1) return `${seconds.toFixed(1)} s`;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const minutes = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes > 0 ? ` ${minutes} min` : ''}`;
}

function unitFor(bytes: number): { size: number; name: string } {
  if (bytes >= 1e9) return { size: 1e9, name: 'GB' };
  if (bytes >= 1e6) return { size: 1e6, name: 'MB' };
  if (bytes >= 1e3) return { size: 1e3, name: 'kB' };
  return { size: 1, name: 'B' };
}
