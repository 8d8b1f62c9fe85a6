/** How often and how long a download waits before trying a failed request again. */
import { isTransient, ModelsError } from './modelsError';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Pause before the 2nd, 3rd... try; the last value repeats. */
  backoffMs: readonly number[];
  /** A server asking to wait longer than this (429 `Retry-After`) fails the download instead. */
  maxRetryAfterMs: number;
}

/** Four tries over about 20 s ride out a dropped connection or a brief Hub hiccup; longer outages fail with a message. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, backoffMs: [1_000, 4_000, 15_000], maxRetryAfterMs: 60_000 };

export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry: (error: ModelsError, waitMs: number) => void = () => undefined,
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error) || tried >= policy.attempts || signal.aborted) throw error;
      const waitMs = error.retryAfterMs ?? policy.backoffMs[Math.min(tried - 1, policy.backoffMs.length - 1)];
      if (waitMs > policy.maxRetryAfterMs) throw error;
      onRetry(error, waitMs);
      await sleep(waitMs, signal);
    }
  }
}

export function cancelledError(): ModelsError {
  return new ModelsError('cancelled', 'The download was cancelled.');
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
