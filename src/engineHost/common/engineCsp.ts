/**
 * The engine webview's Content-Security-Policy: nothing by default, scripts only with this page's
 * nonce, wasm compilation allowed (onnxruntime-web), network only to the webview's own resources
 * (the runtime's .wasm files) and to the model file server.
 */
export interface EngineCspInput {
  /** `webview.cspSource`: where the extension's own files are served from. */
  cspSource: string;
  nonce: string;
  /** Base URLs of the model file server, as the webview reaches it. */
  modelServers: readonly string[];
}

export function buildEngineCsp({ cspSource, nonce, modelServers }: EngineCspInput): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `connect-src ${[cspSource, ...modelServers].join(' ')}`,
    `img-src ${cspSource} blob: data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
  ].join('; ');
}

/** 128 random bits, base64: a fresh one for every page load. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
