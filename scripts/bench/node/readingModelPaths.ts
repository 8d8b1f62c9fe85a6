import { readFileSync } from 'node:fs';
import type { Ort } from '../../../webview/engine/api';

/**
 * `ort` (our wasm or WebGPU build) for transformers.js, as its browser build would use it. In Node
 * transformers.js hands sessions a file path (onnxruntime-node reads it itself), where the browser
 * build only takes bytes; and it creates a model's sessions all at once, which onnxruntime-web's
 * WebGPU backend refuses ("another WebGPU EP inference session is being created"), so they are
 * created one after another, as transformers.js' browser path does itself.
 */
export function readingModelPaths(ort: Ort): Ort {
  const sessions = ort.InferenceSession as unknown as { create(model: unknown, options?: unknown): Promise<unknown> };
  let chain: Promise<unknown> = Promise.resolve();
  const create = (model: unknown, options?: unknown) => {
    const created = chain.then(() => sessions.create(typeof model === 'string' ? readFileSync(model) : model, options));
    chain = created.catch(() => undefined);
    return created;
  };
  return { ...ort, InferenceSession: Object.assign(Object.create(sessions) as object, { create }) } as unknown as Ort;
}
