/**
 * The engine's `ModelFiles` over the host's loopback file server. The host's listing answers
 * `exists()` without a request and gives each download its size, so bytes stream straight into
 * one buffer of the right length, with progress.
 */
import type { ModelFiles } from '../engine/api';
import { EngineError } from '../engine/errors';
import type { ModelSource } from '../protocol/engineProtocol';

export function httpModelFiles(source: ModelSource): ModelFiles {
  const sizes = new Map(source.files.map((file) => [file.path, file.size]));
  const urlOf = (path: string) => source.baseUrl + path.split('/').map(encodeURIComponent).join('/');

  async function readBytes(path: string, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
    const expected = sizes.get(path);
    if (expected === undefined) throw new EngineError('missing-file', `The model folder ${source.location} has no ${path}.`);
    let response: Response;
    try {
      response = await fetch(urlOf(path));
    } catch (error) {
      throw new EngineError('internal', `Could not reach the Inkwell file server for ${path}: ${String(error)}`, { cause: error });
    }
    if (!response.ok || !response.body) {
      throw new EngineError('missing-file', `Reading ${path} from ${source.location} failed: HTTP ${response.status}.`);
    }
    const bytes = new Uint8Array(expected);
    const reader = response.body.getReader();
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > expected) {
        await reader.cancel();
        throw new EngineError('invalid-model', `${path} in ${source.location} grew while it was being read.`);
      }
      bytes.set(value, loaded);
      loaded += value.length;
      onProgress?.(loaded, expected);
    }
    if (loaded !== expected) {
      throw new EngineError('invalid-model', `${path} in ${source.location} ended after ${loaded} of ${expected} bytes.`);
    }
    return bytes;
  }

  return {
    location: source.location,
    exists: async (path) => sizes.has(path),
    readText: async (path) => new TextDecoder().decode(await readBytes(path)),
    readBytes,
  };
}
