import type { ModelFiles } from '../../api';
import { EngineError } from '../../errors';

/**
 * A model folder behind a base URL (the webview, test pages). `exists` uses HEAD; bytes are
 * streamed so progress can be reported for large files.
 */
export function fetchModelFiles(baseUrl: string): ModelFiles {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = (path: string) => new URL(path, base).toString();
  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(url(path));
    } catch (cause) {
      throw new EngineError('missing-file', `Could not read ${path} from ${baseUrl}: ${String(cause)}`, { cause });
    }
    if (!response.ok) {
      throw new EngineError('missing-file', `The model at ${baseUrl} has no ${path} (HTTP ${response.status}).`);
    }
    return response;
  };
  return {
    location: baseUrl,
    exists: async (path) => {
      try {
        return (await fetch(url(path), { method: 'HEAD' })).ok;
      } catch {
        return false;
      }
    },
    readText: async (path) => (await get(path)).text(),
    readBytes: async (path, onProgress) => readStream(await get(path), onProgress),
  };
}

async function readStream(response: Response, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress?.(loaded, total || loaded);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
