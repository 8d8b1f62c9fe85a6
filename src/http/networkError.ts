/**
 * Why a request got no readable answer: the connection, not the server's reply, failed. A code to
 * branch on and a message that names the host, so the providers can show it as it is.
 */
export type NetworkErrorCode =
  /** No TCP (or TLS) connection within the connect timeout. */
  | 'connect-timeout'
  /** Connected, but nothing arrived for the idle timeout (before or during the response). */
  | 'idle-timeout'
  /** Refused, unresolvable host, no route: nothing is listening there. */
  | 'unreachable'
  /** The connection closed or reset before the response was complete. */
  | 'connection-lost'
  /** The server's certificate is not trusted, or the TLS handshake failed. */
  | 'tls'
  /** The caller cancelled. */
  | 'aborted';

export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Turns what node:http reports into a NetworkError that says what happened, in words. */
export function toNetworkError(error: unknown, host: string): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.has(code)) {
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host not found' : 'no route to host';
    return new NetworkError('unreachable', `Could not connect to ${host} (${why}).`);
  }
  if (LOST.has(code) || detail === 'aborted') {
    return new NetworkError('connection-lost', `The connection to ${host} closed before the response was complete.`);
  }
  if (isTlsFailure(code)) {
    return new NetworkError('tls', `The secure connection to ${host} failed: ${detail}.`);
  }
  return new NetworkError('connection-lost', `The request to ${host} failed: ${detail}.`);
}

function isTlsFailure(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}
