/**
 * One HTTP request, no redirects: direct, or through the proxy the settings name for its URL
 * (absolute-form for http://, a CONNECT tunnel for https://). A connection that sends nothing for
 * `stallTimeoutMs`, while waiting for headers or in the middle of a body, fails with `stalled`.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { ModelsError } from '../common/modelsError';
import { proxyFor, type ProxySettings } from '../common/proxyRoute';
import { formatDuration } from '../common/formatProgress';
import { ProxyTunnelAgent } from './proxyTunnelAgent';

export interface TransportOptions {
  proxy: ProxySettings;
  stallTimeoutMs: number;
}

export function sendRequest(
  url: URL,
  method: 'GET' | 'HEAD',
  headers: Record<string, string>,
  signal: AbortSignal,
  options: TransportOptions,
): Promise<http.IncomingMessage> {
  const proxy = proxyFor(url, options.proxy);
  const proxyAuthorization = proxy ? proxyAuthorizationFor(proxy, options.proxy) : undefined;
  let request: http.ClientRequest;
  if (proxy && url.protocol === 'http:') {
    request = http.request({
      host: proxy.hostname,
      port: Number(proxy.port) || 80,
      path: url.href,
      method,
      headers: { ...headers, host: url.host, ...(proxyAuthorization ? { 'proxy-authorization': proxyAuthorization } : {}) },
      signal,
      agent: false,
    });
  } else if (url.protocol === 'https:') {
    const tls = { rejectUnauthorized: options.proxy.strictSSL };
    request = https.request(url, { method, headers, signal, ...tls, agent: proxy ? new ProxyTunnelAgent(proxy, proxyAuthorization, tls) : false });
  } else {
    request = http.request(url, { method, headers, signal, agent: false });
  }
  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    request.setTimeout(options.stallTimeoutMs, () => {
      const stalled = new ModelsError('stalled', `${url.host} sent nothing for ${formatDuration(options.stallTimeoutMs / 1000)}.`);
      if (response) response.destroy(stalled);
      else request.destroy(stalled);
    });
    request.once('response', (incoming) => {
      response = incoming;
      resolve(incoming);
    });
    request.once('error', reject);
    request.end();
  });
}

function proxyAuthorizationFor(proxy: URL, settings: ProxySettings): string | undefined {
  if (settings.authorization) return settings.authorization;
  if (!proxy.username) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
