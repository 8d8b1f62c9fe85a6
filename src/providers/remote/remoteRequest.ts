/**
 * Sends one request of a remote provider with the user's network settings, retries and logging.
 * The log gets the method, the URL (which never carries a key: keys travel in headers) and
 * what came back; never headers or bodies.
 */
import { openHttpExchange } from '../../http/httpExchange';
import type { RetryPolicy } from '../../http/retryPolicy';
import { sendWithRetries, type Answer, type RetryOptions } from '../../http/sendWithRetries';

export interface RemoteNetworkSettings {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** Set only when the user added certificate authorities (inkwell.http.caCertificates). */
  ca?: readonly string[];
}

export interface RemoteLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RemoteRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface RemoteContext {
  /** Names the provider in log lines ("Gemini"). */
  label: string;
  network: RemoteNetworkSettings;
  policy: RetryPolicy;
  log: RemoteLog;
  signal: AbortSignal;
  readFailure?: RetryOptions['readFailure'];
}

export async function sendRemote(request: RemoteRequest, context: RemoteContext): Promise<Answer> {
  const startedAt = Date.now();
  const where = `${request.method} ${request.url.href}`;
  context.log.info(`${context.label}: ${where}`);
  const answer = await sendWithRetries(
    () =>
      openHttpExchange({
        ...request,
        connectTimeoutMs: context.network.connectTimeoutMs,
        idleTimeoutMs: context.network.idleTimeoutMs,
        ca: context.network.ca,
        signal: context.signal,
      }),
    {
      policy: context.policy,
      signal: context.signal,
      readFailure: context.readFailure,
      onRetry: ({ status, delayMs, attempt }) =>
        context.log.warn(`${context.label}: ${where} answered ${status}; attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
    },
  );
  const status = answer.ok ? answer.response.status : answer.failure.status;
  context.log.info(`${context.label}: ${where} answered ${status} after ${Date.now() - startedAt} ms`);
  return answer;
}
