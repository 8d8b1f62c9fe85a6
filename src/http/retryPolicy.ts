/**
 * When to try a request again and how long to wait first. Only answers that say "not now" are
 * retried (429 Too Many Requests, 503 Service Unavailable); the server's `Retry-After` wins over
 * our own exponential backoff, and a wait longer than we are willing to sit through is reported
 * instead of waited for.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; doubles on each retry. */
  baseDelayMs: number;
  /** The longest single wait; a server asking for more is not retried. */
  maxDelayMs: number;
}

/** Four attempts within about 15 s in the worst case: long enough to ride out a burst limit,
 * short enough that someone waiting for a draft is not left guessing. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 20_000 };

export const RETRYABLE_STATUSES: readonly number[] = [429, 503];

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  // Every HTTP date form starts with the day's name; Date.parse would also take "1.5" as a date.
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'attempts-used' | 'wait-too-long' };

/**
 * `retriesSoFar` counts retries already made. Without a server hint the wait is
 * base·2^n scaled by a random factor in [0.5, 1), so that clients that failed together do not
 * come back together.
 */
export function decideRetry(retriesSoFar: number, serverDelayMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (retriesSoFar >= policy.maxRetries) return { retry: false, reason: 'attempts-used' };
  if (serverDelayMs !== undefined) {
    return serverDelayMs > policy.maxDelayMs ? { retry: false, reason: 'wait-too-long' } : { retry: true, delayMs: serverDelayMs };
  }
  const backoff = policy.baseDelayMs * 2 ** retriesSoFar * (0.5 + random() / 2);
  return { retry: true, delayMs: Math.min(policy.maxDelayMs, Math.round(backoff)) };
}
