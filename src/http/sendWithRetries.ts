/**
 * Sends a request, and again while the server answers "not now" (see retryPolicy.ts), waiting
 * between attempts. A success comes back as a response still to be read; a failure comes back
 * with its (small) body already read, so the caller can say what the server said.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpResponse } from './httpExchange';
import { NetworkError } from './networkError';
import { decideRetry, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from './retryPolicy';

export interface FailedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  attempts: number;
  /** How long the server last asked us to wait, when it said. */
  retryAfterMs?: number;
}

export type Answer = { ok: true; response: HttpResponse } | { ok: false; failure: FailedAnswer };

export interface RetryOptions {
  policy: RetryPolicy;
  signal: AbortSignal;
  /** Protocol-specific reading of a failure body: whether trying again can help (a spent monthly
   * quota cannot), and a wait the body asks for where the protocol puts it there. */
  readFailure?(status: number, body: string): { retryable?: boolean; retryAfterMs?: number };
  onRetry?(retry: { status: number; delayMs: number; attempt: number }): void;
  now?(): number;
}

export async function sendWithRetries(send: () => Promise<HttpResponse>, options: RetryOptions): Promise<Answer> {
  const now = options.now ?? Date.now;
  for (let retries = 0; ; retries++) {
    const response = await send();
    if (response.status >= 200 && response.status < 300) return { ok: true, response };
    const body = await response.text(64 * 1024);
    const fromBody = options.readFailure?.(response.status, body) ?? {};
    const header = response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header, now()) ?? fromBody.retryAfterMs;
    const failure: FailedAnswer = { status: response.status, headers: response.headers, body, attempts: retries + 1, retryAfterMs };
    if (!RETRYABLE_STATUSES.includes(response.status) || fromBody.retryable === false) return { ok: false, failure };
    const decision = decideRetry(retries, retryAfterMs, options.policy);
    if (!decision.retry) return { ok: false, failure };
    options.onRetry?.({ status: response.status, delayMs: decision.delayMs, attempt: retries + 2 });
    await sleep(decision.delayMs, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new NetworkError('aborted', 'Cancelled.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new NetworkError('aborted', 'Cancelled.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
