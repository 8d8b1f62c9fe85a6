/** What a remote provider needs from its host, as plain functions: settings, key and log come
 * from VS Code in the extension and from fakes in the tests. */
import type { RetryPolicy } from '../../http/retryPolicy';
import type { RemoteLog, RemoteNetworkSettings } from './remoteRequest';

export interface RemoteProviderDeps<Settings> {
  settings(): Settings;
  network(): Promise<RemoteNetworkSettings>;
  /** The key from secret storage; undefined when none is stored. */
  apiKey(): Promise<string | undefined>;
  log: RemoteLog;
  retryPolicy: RetryPolicy;
}

/** Where text goes, in words: "this machine (localhost:11434)" for a loopback server, else the host. */
export function destinationOf(url: URL): string {
  return isLoopbackHost(url.hostname) ? `this machine (${url.host})` : url.host;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Parses a URL setting, or says which setting is wrong. */
export function urlSetting(value: string, setting: string): URL | string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // Reported below, with the setting's name.
  }
  return `${setting} is not an http(s) URL: "${value}".`;
}
