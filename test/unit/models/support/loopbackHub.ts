/**
 * A Hugging Face Hub on 127.0.0.1 serving model folders under the Hub's routes and headers
 * (HUB_API.md): `/{repo}/resolve/{revision}/{path}`; LFS files (`.onnx`) answer with a 302 to a
 * second, CDN-like server (another origin) carrying X-Repo-Commit, X-Linked-Etag (sha256) and
 * X-Linked-Size; git files answer 200 with ETag = git blob sha1. Both honour `Range` with 206.
 * Faults make one path misbehave: an HTTP status, a connection dropped or stalled after some
 * bytes, a flipped byte, a slow body.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';

export interface ServedRepo {
  repo: string;
  commit: string;
  /** A model folder on disk; every file in it is served. */
  folder: string;
}

export type Fault =
  /** Answers `status` (with `headers`) on the resolve route, to `method` only if set, `times` times (always when unset). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; method?: 'HEAD' | 'GET'; times?: number }
  /** Sends the body up to byte `at` of the file, then cuts the connection. */
  | { kind: 'drop'; at: number; times?: number }
  /** Sends the body up to byte `at`, then nothing more, holding the connection open. */
  | { kind: 'stall'; at: number; times?: number }
  /** Serves the file with the byte at `at` changed. */
  | { kind: 'corrupt'; at: number }
  /** Sends the body in 16 kB chunks at about this rate. */
  | { kind: 'slow'; bytesPerSecond: number };

export interface RecordedRequest {
  server: 'hub' | 'cdn';
  method: string;
  path: string;
  range?: string;
  authorization?: string;
}

export interface LoopbackHub {
  /** `http://127.0.0.1:PORT`: what `inkwell.hub.endpoint` is set to. */
  endpoint: string;
  requests: RecordedRequest[];
  fault(repoPath: string, fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface ServedFile {
  repo: ServedRepo;
  path: string;
  bytes: Buffer;
  sha256: string;
  gitSha1: string;
}

/** Which files the served Hub keeps in LFS; catalog entries for served folders use the same rule. */
export function isLfsPath(path: string): boolean {
  return path.endsWith('.onnx');
}

export async function startLoopbackHub(repos: readonly ServedRepo[]): Promise<LoopbackHub> {
  const files = repos.flatMap(readServedFiles);
  const faults = new Map<string, Fault[]>();
  const requests: RecordedRequest[] = [];
  const record = (server: RecordedRequest['server'], request: IncomingMessage) =>
    requests.push({
      server,
      method: request.method ?? '',
      path: decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname),
      range: request.headers.range,
      authorization: request.headers.authorization,
    });
  const takeFault = (path: string, kinds: Fault['kind'][], method?: string): Fault | undefined => {
    const list = faults.get(path) ?? [];
    const fault = list.find((f) => kinds.includes(f.kind) && (f.kind !== 'status' || !f.method || f.method === method));
    if (fault && 'times' in fault && fault.times !== undefined) {
      fault.times--;
      if (fault.times <= 0) list.splice(list.indexOf(fault), 1);
    }
    return fault;
  };

  const cdn = await listen((request, response) => {
    record('cdn', request);
    const sha = /^\/cdn\/([0-9a-f]{64})$/.exec(new URL(request.url ?? '/', 'http://x').pathname)?.[1];
    const file = files.find((f) => f.sha256 === sha);
    if (!file) return void response.writeHead(404).end();
    serveContent(request, response, file, file.sha256, takeFault);
  });
  const cdnOrigin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;

  const hub = await listen((request, response) => {
    record('hub', request);
    const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(new URL(request.url ?? '/', 'http://x').pathname);
    const repo = repos.find((r) => r.repo === match?.[1]);
    if (!match || !repo) return void response.writeHead(404, { 'x-error-code': 'RepoNotFound' }).end();
    const revision = decodeURIComponent(match[2]);
    const path = match[3].split('/').map(decodeURIComponent).join('/');
    if (revision !== 'main' && revision !== repo.commit) return void response.writeHead(404, { 'x-error-code': 'RevisionNotFound' }).end();
    const status = takeFault(path, ['status'], request.method);
    if (status?.kind === 'status') return void response.writeHead(status.status, status.headers).end(`status ${status.status}`);
    const file = files.find((f) => f.repo === repo && f.path === path);
    if (!file) return void response.writeHead(404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': repo.commit }).end();
    if (isLfsPath(path)) {
      response.writeHead(302, {
        location: `${cdnOrigin}/cdn/${file.sha256}?expires=${Date.now() + 3_600_000}`,
        'x-repo-commit': repo.commit,
        'x-linked-etag': `"${file.sha256}"`,
        'x-linked-size': String(file.bytes.length),
        etag: `W/"${file.gitSha1}"`,
        'content-length': '0',
      });
      return void response.end();
    }
    response.setHeader('x-repo-commit', repo.commit);
    serveContent(request, response, file, file.gitSha1, takeFault);
  });

  return {
    endpoint: `http://127.0.0.1:${(hub.address() as AddressInfo).port}`,
    requests,
    fault: (path, fault) => faults.set(path, [...(faults.get(path) ?? []), { ...fault }]),
    clearFaults: () => faults.clear(),
    close: async () => {
      for (const server of [hub, cdn]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

function serveContent(
  request: IncomingMessage,
  response: ServerResponse,
  file: ServedFile,
  etag: string,
  takeFault: (path: string, kinds: Fault['kind'][]) => Fault | undefined,
): void {
  const size = file.bytes.length;
  const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
  if (start >= size && size > 0) return void response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
  const headers: Record<string, string> = { etag: `"${etag}"`, 'accept-ranges': 'bytes', 'content-length': String(size - start) };
  if (request.headers.range) headers['content-range'] = `bytes ${start}-${size - 1}/${size}`;
  response.writeHead(request.headers.range ? 206 : 200, headers);
  if (request.method === 'HEAD') return void response.end();

  const fault = request.method === 'GET' ? takeFault(file.path, ['drop', 'stall', 'corrupt', 'slow']) : undefined;
  let bytes = file.bytes;
  if (fault?.kind === 'corrupt') {
    bytes = Buffer.from(file.bytes);
    bytes[fault.at] ^= 0xff;
  }
  const body = bytes.subarray(start);
  if (fault?.kind === 'drop' || fault?.kind === 'stall') {
    response.write(body.subarray(0, Math.max(0, fault.at - start)), () => {
      if (fault.kind === 'drop') response.socket?.destroy();
    });
    return;
  }
  if (fault?.kind === 'slow') return sendSlowly(response, body, fault.bytesPerSecond);
  response.end(body);
}

function sendSlowly(response: ServerResponse, body: Buffer, bytesPerSecond: number): void {
  const chunk = 16_384;
  let offset = 0;
  const timer = setInterval(() => {
    if (response.destroyed) return clearInterval(timer);
    response.write(body.subarray(offset, offset + chunk));
    offset += chunk;
    if (offset >= body.length) {
      clearInterval(timer);
      response.end();
    }
  }, (chunk / bytesPerSecond) * 1000);
  response.once('close', () => clearInterval(timer));
}

function readServedFiles(repo: ServedRepo): ServedFile[] {
  return readdirSync(repo.folder, { recursive: true })
    .map(String)
    .filter((entry) => statSync(join(repo.folder, entry)).isFile())
    .map((entry) => {
      const bytes = readFileSync(join(repo.folder, entry));
      return {
        repo,
        path: relative(repo.folder, join(repo.folder, entry)).split(sep).join('/'),
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        gitSha1: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
      };
    });
}

function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
