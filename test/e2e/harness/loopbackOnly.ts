/**
 * Everything the e2e run starts may only talk to loopback addresses. These settings make the
 * browser and code-server fail fast on anything else instead of reaching out (and hanging in CI,
 * where nothing else is reachable anyway).
 */

/** Chromium resolves no host name but loopback; IP literals other than loopback still connect, so
 * the network log (networkLog.ts) is what proves a test stayed local. */
export const chromiumLoopbackArgs: readonly string[] = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];

/** A discard-port proxy for code-server and its extension host: outbound HTTP(S) fails at once,
 * loopback requests (our extension's own servers) bypass it. */
const deadProxy = 'http://127.0.0.1:9';

export const codeServerLoopbackEnv: Readonly<Record<string, string>> = {
  HTTP_PROXY: deadProxy,
  HTTPS_PROXY: deadProxy,
  http_proxy: deadProxy,
  https_proxy: deadProxy,
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
  // An empty gallery switches off code-server's default Open VSX marketplace queries.
  EXTENSIONS_GALLERY: '{}',
};

/** True for addresses a test may contact. */
export function isLoopbackUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') {
    return true;
  }
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
