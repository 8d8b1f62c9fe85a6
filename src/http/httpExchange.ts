/**
 * One HTTP request whose response is read as it arrives, over node:http(s). In VS Code's
 * extension host these modules are the ones VS Code patches for `http.proxy`, `http.noProxy`,
 * PAC and system proxies, proxy authentication and system certificates, so requests made here
 * follow the user's VS Code network settings as VS Code's own requests do.
 *
 * Two clocks guard it: the connect timeout (until the socket is connected) and the idle timeout
 * (the longest silence after that, waiting for headers or between body chunks). Aborting the
 * signal destroys the socket, so the server sees the connection close.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { NetworkError, toNetworkError } from './networkError';

export interface HttpExchangeSpec {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** Certificates to trust instead of Node's defaults (see trustedCertificates.ts). */
  ca?: readonly string[];
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as it arrives; throws a NetworkError when the connection fails or falls silent. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The whole body as text, cut at `limitBytes` (error bodies are small; a runaway one is not read). */
  text(limitBytes?: number): Promise<string>;
  /** Done with it: a complete response is drained (its connection can be reused); an incomplete
   * one closes the connection, so the server sees the client go. */
  close(): void;
}

export function openHttpExchange(spec: HttpExchangeSpec): Promise<HttpResponse> {
  const host = spec.url.host;
  if (spec.signal.aborted) return Promise.reject(new NetworkError('aborted', 'Cancelled.'));
  return new Promise((resolve, reject) => {
    const transport = spec.url.protocol === 'https:' ? https : http;
    const request = transport.request(spec.url, {
      method: spec.method,
      headers: { ...spec.headers, ...(spec.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(spec.body)) }) },
      ...(spec.ca ? { ca: [...spec.ca] } : {}),
    });
    const clock = new ExchangeClock(request, host, spec);
    const onAbort = () => clock.fail(new NetworkError('aborted', 'Cancelled.'));
    spec.signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      clock.stop();
      spec.signal.removeEventListener('abort', onAbort);
    };

    request.on('error', (error) => {
      finish();
      reject(toNetworkError(error, host));
    });
    request.on('response', (response) => {
      clock.answeredWith(response);
      response.once('close', finish);
      resolve(responseOf(response, request, clock, host));
    });
    request.end(spec.body);
  });
}

function responseOf(response: IncomingMessage, request: ClientRequest, clock: ExchangeClock, host: string): HttpResponse {
  const chunks = async function* (): AsyncIterable<Uint8Array> {
    try {
      for await (const chunk of response) {
        clock.heard();
        yield chunk as Uint8Array;
      }
    } catch (error) {
      throw toNetworkError(error, host);
    }
  };
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    chunks,
    async text(limitBytes = 1 << 20) {
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of chunks()) {
        parts.push(chunk);
        size += chunk.byteLength;
        if (size >= limitBytes) {
          request.destroy();
          break;
        }
      }
      return Buffer.concat(parts).subarray(0, limitBytes).toString('utf8');
    },
    close: () => {
      if (response.complete) response.resume();
      else request.destroy();
    },
  };
}

/** The connect and idle timers of one exchange; either one firing ends it with its error. */
class ExchangeClock {
  private timer: NodeJS.Timeout | undefined;
  private response: IncomingMessage | undefined;

  constructor(
    private readonly request: ClientRequest,
    private readonly host: string,
    private readonly spec: HttpExchangeSpec,
  ) {
    this.timer = setTimeout(
      () => this.fail(new NetworkError('connect-timeout', `Could not connect to ${host} within ${seconds(spec.connectTimeoutMs)}.`)),
      spec.connectTimeoutMs,
    );
    request.once('socket', (socket: Socket) => {
      // A reused keep-alive socket is connected already; a new one reports when it is.
      if (socket.connecting) socket.once('connect', () => this.heard());
      else this.heard();
    });
  }

  answeredWith(response: IncomingMessage): void {
    this.response = response;
    this.heard();
  }

  /** Something arrived (or the connection opened): the idle clock starts over. */
  heard(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.fail(new NetworkError('idle-timeout', `${this.host} sent nothing for ${seconds(this.spec.idleTimeoutMs)}; the request was stopped.`)),
      this.spec.idleTimeoutMs,
    );
  }

  /** Ends the exchange with `error`: the pending request rejects with it, or the body being read throws it. */
  fail(error: NetworkError): void {
    this.stop();
    if (this.response) this.response.destroy(error);
    this.request.destroy(error);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
