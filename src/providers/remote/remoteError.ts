/**
 * The failures a remote provider reports, as ProviderError codes, and the ones every protocol
 * shares: what the connection did (NetworkError) and what a stream did wrong. Protocol-specific
 * answers (a rejected key, a missing model) are read in each protocol's own errors module.
 */
import { NetworkError } from '../../http/networkError';
import { ProviderError } from '../provider';

export type RemoteErrorCode =
  | 'missing-api-key'
  | 'bad-api-key'
  | 'permission-denied'
  | 'model-not-found'
  | 'endpoint-not-found'
  | 'rate-limited'
  | 'quota-exceeded'
  | 'bad-request'
  | 'server-error'
  | 'server-unreachable'
  | 'timeout'
  | 'tls-error'
  | 'stream-cut'
  | 'malformed-response'
  | 'content-blocked'
  | 'bad-settings';

export function remoteError(code: RemoteErrorCode, message: string): ProviderError {
  return new ProviderError(code, message);
}

/** What a dropped, refused or silent connection means to the user. `service` names where the
 * request went ("the Gemini API at generativelanguage.googleapis.com"). */
export function fromNetworkError(error: NetworkError, service: string): ProviderError {
  switch (error.code) {
    case 'unreachable':
      return remoteError('server-unreachable', `Inkwell could not reach ${service}. ${error.message} Check that the server is running and the address in the settings is right.`);
    case 'connect-timeout':
    case 'idle-timeout':
      return remoteError('timeout', `${service} did not answer in time. ${error.message}`);
    case 'tls':
      return remoteError(
        'tls-error',
        `${error.message} If the server uses a private certificate authority, add its certificate to inkwell.http.caCertificates.`,
      );
    case 'connection-lost':
      return streamCut(service);
    case 'aborted':
      return remoteError('server-error', `The request to ${service} was cancelled.`);
  }
}

/** Any failure of a remote call as a ProviderError: the call's own, the connection's, or a surprise. */
export function asProviderError(error: unknown, service: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof NetworkError) return fromNetworkError(error, service);
  return new ProviderError('server-error', `The request to ${service} failed: ${error instanceof Error ? error.message : String(error)}`);
}

export function streamCut(service: string): ProviderError {
  return remoteError('stream-cut', `The connection to ${service} ended before the response was complete. Try again.`);
}

export function malformedStream(service: string, what: string): ProviderError {
  return remoteError('malformed-response', `${service} sent a response Inkwell cannot read (${what}).`);
}

/** "in about 40 s", for messages about waiting; empty when the server did not say. */
export function waitHint(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return '';
  return ` Try again in about ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
}

/** JSON from a server, or undefined where it is not JSON (an HTML error page, a cut body). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
