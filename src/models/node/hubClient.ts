/**
 * Talks to a Hugging Face Hub (or a mirror at `endpoint`): file facts from a HEAD on the resolve
 * URL, file content from a GET that follows the redirect to the CDN. The token goes only to the
 * endpoint's own origin; a redirect elsewhere (a signed CDN URL) goes without it, as
 * huggingface_hub does.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { readHubFileFacts, type HubFileFacts } from '../common/hubFileFacts';
import { parseRetryAfter } from '../../http/retryPolicy';
import { hubStatusError } from '../common/hubStatusError';
import { resolveUrl } from '../common/hubUrls';
import { ModelsError } from '../common/modelsError';
import type { ProxySettings } from '../common/proxyRoute';
import { cancelledError } from '../common/retryPolicy';
import { sendRequest } from './httpTransport';

export interface HubClientOptions {
  endpoint: string;
  token?: string;
  proxy: ProxySettings;
  /** A connection silent this long is given up (and retried, resuming). */
  stallTimeoutMs: number;
  userAgent: string;
}

export interface FileRef {
  repo: string;
  revision: string;
  path: string;
}

export interface FileContent {
  /** 206 when the server honoured the Range, 200 when it sends the whole file. */
  status: 200 | 206;
  /** The first byte's offset in the file. */
  start: number;
  body: Readable;
}

const MAX_REDIRECTS = 10;

export class HubClient {
  private readonly endpoint: URL;

  constructor(private readonly options: HubClientOptions) {
    this.endpoint = new URL(options.endpoint);
  }

  /** What the Hub says about one file, without downloading it. */
  async fileFacts(file: FileRef, signal: AbortSignal): Promise<HubFileFacts> {
    const response = await this.send('HEAD', file, {}, signal);
    response.resume();
    if (response.statusCode! >= 400) throw this.statusError(response, file);
    const facts = readHubFileFacts(response.statusCode!, (name) => headerOf(response, name));
    if (!facts) {
      throw new ModelsError(
        'not-a-hub',
        `${this.endpoint.host} answered for ${file.path} without the Hub's X-Repo-Commit, ETag and size headers: it does not look like a Hugging Face Hub. Check inkwell.hub.endpoint.`,
        { file: file.path },
      );
    }
    return facts;
  }

  /** The file's bytes from `offset` on. */
  async content(file: FileRef, offset: number, signal: AbortSignal): Promise<FileContent> {
    const response = await this.send('GET', file, offset > 0 ? { range: `bytes=${offset}-` } : {}, signal);
    const status = response.statusCode!;
    if (status === 206) {
      const start = Number(/^bytes (\d+)-/.exec(headerOf(response, 'content-range') ?? '')?.[1]);
      if (Number.isSafeInteger(start)) return { status, start, body: response };
    }
    if (status === 200) return { status, start: 0, body: response };
    response.resume();
    throw this.statusError(response, file);
  }

  /** Maps a failure while reading a body (dropped connection, stall, cancel) to a ModelsError. */
  describeFailure(error: unknown, file: FileRef, signal: AbortSignal): ModelsError {
    if (signal.aborted) return cancelledError();
    if (error instanceof ModelsError) return error;
    const code = (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
    return new ModelsError(
      'network',
      `The connection to ${this.endpoint.host} failed while fetching ${file.path} of ${file.repo} (${code}). Check the network connection, VS Code's http.proxy setting and inkwell.hub.endpoint, or turn on inkwell.hub.offline and use a local model folder.`,
      { file: file.path },
    );
  }

  private async send(method: 'GET' | 'HEAD', file: FileRef, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    let url = new URL(resolveUrl(this.options.endpoint, file.repo, file.revision, file.path));
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const ownOrigin = url.origin === this.endpoint.origin;
      const auth: Record<string, string> = ownOrigin && this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
      const response = await sendRequest(
        url,
        method,
        { ...headers, ...auth, 'user-agent': this.options.userAgent, 'accept-encoding': 'identity' },
        signal,
        this.options,
      ).catch((error: unknown) => {
        throw this.describeFailure(error, file, signal);
      });
      const location = headerOf(response, 'location');
      if (response.statusCode! < 300 || response.statusCode! >= 400 || !location) return response;
      const next = new URL(location, url);
      // HEAD answers describe the file in the redirect itself (X-Linked-*); only a relative
      // redirect (a renamed repository) is followed, never the one to the CDN.
      if (method === 'HEAD' && next.origin !== url.origin) return response;
      response.resume();
      url = next;
    }
    throw new ModelsError('server-error', `${this.endpoint.host} redirected ${file.path} more than ${MAX_REDIRECTS} times.`, { file: file.path });
  }

  private statusError(response: IncomingMessage, file: FileRef): ModelsError {
    return hubStatusError({
      status: response.statusCode!,
      repo: file.repo,
      revision: file.revision,
      path: file.path,
      host: this.endpoint.host,
      withToken: Boolean(this.options.token),
      retryAfterMs: parseRetryAfter(headerOf(response, 'retry-after'), Date.now()),
      errorCode: headerOf(response, 'x-error-code'),
    });
  }
}

function headerOf(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
