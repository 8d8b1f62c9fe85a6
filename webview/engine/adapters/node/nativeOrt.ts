import * as ortNode from 'onnxruntime-node';
import type { Ort } from '../../api';

/**
 * onnxruntime-node (native CPU, several threads) behind the engine's Ort interface: sessions are
 * created on its CPU execution provider whatever device the engine asks for. The extension host's
 * engine worker and the benchmark run the engine this way. Never load it in a thread that also
 * loads onnxruntime-web: both register a 'cpu' backend in onnxruntime-common's shared registry,
 * and with both loaded, sessions were measured running on wasm (docs/benchmarks.md).
 */
export function nativeOrt(threads: number): Ort {
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
