/**
 * Which proxy, if any, a request goes through, from VS Code's `http.proxy`, `http.noProxy` and
 * `http.proxySupport` (or, when `http.proxy` is empty, the HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * environment, as VS Code does).
 */

export interface ProxySettings {
  /** `http://host:port` (credentials allowed); undefined means direct. */
  proxy?: string;
  /** Hosts that bypass the proxy: `example.com` (and its subdomains), `.example.com`, `*.example.com`, `host:port`, `*`. */
  noProxy: readonly string[];
  /** Whether TLS certificates of the servers are checked (`http.proxyStrictSSL`). */
  strictSSL: boolean;
  /** `http.proxyAuthorization`: sent as Proxy-Authorization. */
  authorization?: string;
}

export function proxyFor(target: URL, settings: ProxySettings): URL | undefined {
  if (!settings.proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of settings.noProxy) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return undefined;
    const [entryHost, entryPort] = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const suffix = entryHost.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return undefined;
  }
  return new URL(settings.proxy.includes('://') ? settings.proxy : `http://${settings.proxy}`);
}

function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1], bracketed[2]];
  const parts = entry.split(':');
  return parts.length === 2 && /^\d+$/.test(parts[1]) ? [parts[0], parts[1]] : [entry, undefined];
}

/** VS Code's precedence: the setting, else the environment; `http.proxySupport: off` means direct. */
export function proxySettingsFrom(
  setting: { proxy?: string; noProxy?: readonly string[]; strictSSL?: boolean; authorization?: string; support?: string },
  env: Readonly<Record<string, string | undefined>>,
): ProxySettings {
  const strictSSL = setting.strictSSL ?? true;
  if (setting.support === 'off') return { noProxy: [], strictSSL };
  const proxy = setting.proxy?.trim() || env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY || undefined;
  const envNoProxy = (env.no_proxy ?? env.NO_PROXY ?? '').split(',').filter(Boolean);
  return {
    proxy,
    noProxy: [...(setting.noProxy ?? []), ...envNoProxy],
    strictSSL,
    authorization: setting.authorization || undefined,
  };
}
