/** What the extension host hands the engine worker when it starts it (`workerData`). */
export interface EngineWorkerData {
  /** onnxruntime-node's intra-op threads for every session. */
  threads: number;
}

export function isEngineWorkerData(value: unknown): value is EngineWorkerData {
  if (typeof value !== 'object' || value === null) return false;
  const { threads } = value as { threads?: unknown };
  return typeof threads === 'number' && Number.isInteger(threads) && threads > 0;
}
