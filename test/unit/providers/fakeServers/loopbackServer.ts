/**
 * A real HTTP server on 127.0.0.1 for the fake remote services: records every request (method,
 * path, headers, parsed JSON body) and when each one's connection closed, so tests can assert
 * what went over the wire and that a cancel hung up.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The JSON body, or undefined for none. */
  body: unknown;
  /** Resolves when the client's connection for this request closed. */
  closed: Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, or the other loopback address it was asked to listen on. */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** `host` is a loopback address: 127.0.0.1 unless a test needs one that VS Code does not treat
 * as "localhost" (it never proxies requests to localhost or 127.0.0.1). */
export async function startLoopbackServer(handler: Handler, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  // Keep-alive connections carry many requests; each waits on the same close.
  const closes = new WeakMap<Socket, Promise<void>>();
  const closeOf = (socket: Socket) => {
    if (!closes.has(socket)) closes.set(socket, new Promise((resolve) => socket.once('close', () => resolve())));
    return closes.get(socket) as Promise<void>;
  };
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const socket = incoming.socket;
    // Each write goes out as its own TCP segment, so the client sees the chunks as written.
    socket.setNoDelay(true);
    const recorded: RecordedRequest = {
      method: incoming.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: text === '' ? undefined : JSON.parse(text),
      closed: closeOf(socket),
    };
    requests.push(recorded);
    await handler(recorded, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Cuts a byte stream where parsers trip: inside field names and JSON, right after every CR (so
 * CRLF arrives in two pieces) and right after the first byte of every multi-byte UTF-8 character.
 */
export function awkwardChunks(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const cutAfter = i % 23 === 3 || bytes[i] === 0x0d || bytes[i] >= 0xc0;
    if (cutAfter) {
      chunks.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

/** Writes the chunks one by one with a pause between, as a server generating tokens would. */
export async function writeSlowly(response: ServerResponse, chunks: readonly Buffer[], pauseMs = 1): Promise<void> {
  for (const chunk of chunks) {
    if (response.destroyed) return;
    response.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
