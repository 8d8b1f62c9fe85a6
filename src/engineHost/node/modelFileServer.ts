/**
 * Serves model folders to the engine webview over loopback HTTP. Measured in code-server
 * (docs/engine-host.md): a 300 MB file arrives in 3.6 s this way, against 30 s through the
 * webview resource loader and 21 s as chunked postMessage. Only files the host listed are served,
 * under a random token; the server binds 127.0.0.1 and answers nothing else.
 */
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ModelFileEntry } from '../../../webview/protocol/engineProtocol';
import type { Logger } from '../common/engineTransport';

interface SharedFolder {
  folder: string;
  sizes: Map<string, number>;
}

export class ModelFileServer {
  private readonly shared = new Map<string, SharedFolder>();

  private constructor(
    private readonly server: Server,
    private readonly token: string,
    private readonly log: Logger,
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.serve(request, response));
  }

  static async start(log: Logger): Promise<ModelFileServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new ModelFileServer(server, randomBytes(16).toString('hex'), log);
  }

  /** `http://127.0.0.1:<port>/`: the server's root, before the token. */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /**
   * Makes `files` of `folder` readable and returns their URL path under the server's root
   * (`<token>/<id>/`). Sharing the same folder again replaces its listing and keeps its path.
   */
  share(folder: string, files: readonly ModelFileEntry[]): string {
    let id = [...this.shared].find(([, entry]) => entry.folder === folder)?.[0];
    id ??= `m${this.shared.size + 1}`;
    this.shared.set(id, { folder, sizes: new Map(files.map((file) => [file.path, file.size])) });
    return `${this.token}/${id}/`;
  }

  dispose(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    // The token keeps other local pages out; CORS must still admit the webview's own origin.
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    const target = this.resolve(request.url ?? '');
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !target) {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': target.size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const started = Date.now();
    const stream = createReadStream(target.file);
    stream.on('error', (error) => {
      this.log.error(`Model file server: reading ${target.file} failed: ${error.message}`);
      response.destroy(error);
    });
    response.on('finish', () => this.log.trace(`Served ${target.file} (${target.size} bytes) in ${Date.now() - started} ms.`));
    stream.pipe(response);
  }

  private resolve(url: string): { file: string; size: number } | undefined {
    const [token, id, ...segments] = url.split('?')[0]!.split('/').slice(1);
    if (token !== this.token || id === undefined) return undefined;
    const folder = this.shared.get(id);
    let path: string;
    try {
      path = segments.map(decodeURIComponent).join('/');
    } catch {
      return undefined;
    }
    // Only listed paths: nothing outside the listing, `..` included, can be named.
    const size = folder?.sizes.get(path);
    return folder && size !== undefined ? { file: join(folder.folder, ...path.split('/')), size } : undefined;
  }
}
