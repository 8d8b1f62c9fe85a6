import * as ortNode from 'onnxruntime-node';
import type { Ort } from '../../../webview/engine/api';

/**
 * onnxruntime-node (native CPU, several threads) behind the engine's Ort interface: sessions are
 * created on its CPU execution provider whatever device the engine asks for. This is how the
 * engine would run on machines without WebGPU if it moved out of the webview into a worker
 * thread of the extension host, where native addons and threads are available.
 */
export function ortNodeAsEngineOrt(threads: number): Ort {
  const create = (model: Uint8Array, options: ortNode.InferenceSession.SessionOptions = {}) =>
    ortNode.InferenceSession.create(model, {
      ...options,
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
    });
  const InferenceSession = Object.assign(Object.create(ortNode.InferenceSession) as object, { create });
  return { ...ortNode, InferenceSession } as unknown as Ort;
}
