/**
 * Records every request the workbench makes: the page, each (nested) frame such as webviews,
 * and workers. Tests use it to prove that nothing left the machine and to inspect how model
 * files were fetched.
 */
import type { BrowserContext, Request } from 'playwright-core';
import { isLoopbackUrl } from './loopbackOnly';

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  /** Playwright's resource type: document, script, fetch, xhr, websocket... */
  readonly resourceType: string;
  /** URL of the frame that made it; empty for workers. */
  readonly frameUrl: string;
  /** HTTP status, or undefined while pending or when it failed. */
  status?: number;
  failure?: string;
  /** Webview resources (`*.vscode-resource.vscode-cdn.net`) are answered by VS Code's service
   * worker from the workbench, never by the network. */
  fromServiceWorker?: boolean;
}

export interface NetworkLog {
  readonly requests: readonly RecordedRequest[];
  /** Requests that really went to the network somewhere other than loopback. */
  offLoopback(): RecordedRequest[];
  stop(): void;
}

export function recordNetwork(context: BrowserContext): NetworkLog {
  const requests: RecordedRequest[] = [];
  const byRequest = new Map<Request, RecordedRequest>();

  const onRequest = (request: Request): void => {
    const recorded: RecordedRequest = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      frameUrl: frameUrlOf(request),
    };
    byRequest.set(request, recorded);
    requests.push(recorded);
  };
  const onFinished = async (request: Request): Promise<void> => {
    const recorded = byRequest.get(request);
    const response = await request.response().catch(() => null);
    if (recorded && response) {
      recorded.status = response.status();
      recorded.fromServiceWorker = response.fromServiceWorker();
    }
  };
  const onFailed = (request: Request): void => {
    const recorded = byRequest.get(request);
    if (recorded) {
      recorded.failure = request.failure()?.errorText ?? 'failed';
    }
  };

  context.on('request', onRequest);
  context.on('requestfinished', onFinished);
  context.on('requestfailed', onFailed);
  return {
    requests,
    offLoopback: () => requests.filter((r) => !r.fromServiceWorker && !isLoopbackUrl(r.url)),
    stop: () => {
      context.off('request', onRequest);
      context.off('requestfinished', onFinished);
      context.off('requestfailed', onFailed);
    },
  };
}

function frameUrlOf(request: Request): string {
  try {
    return request.frame().url();
  } catch {
    // Requests from service workers and dedicated workers have no frame.
    return '';
  }
}
