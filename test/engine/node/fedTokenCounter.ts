/**
 * Wraps onnxruntime so that every session run records how many tokens it fed the decoder (the
 * length of `input_ids` or `inputs_embeds`): what the engine says it prefilled can then be checked
 * against what actually ran.
 */
import type { Ort } from '../../../webview/engine/api';

export interface FedTokenCounter {
  readonly ort: Ort;
  /** Tokens fed by each decoder run since the last `clear()`, in order: the prefill first, then one per step. */
  readonly runs: number[];
  clear(): void;
}

export function countFedTokens(ort: Ort): FedTokenCounter {
  const runs: number[] = [];
  type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;
  const count = (session: Session): Session =>
    new Proxy(session, {
      get(target, property) {
        if (property !== 'run') {
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (feeds: Record<string, { dims: readonly number[] }>, ...rest: unknown[]) => {
          const input = feeds.input_ids ?? feeds.inputs_embeds;
          // The decoder is the session that takes a KV cache; embed_tokens and the vision encoder do not.
          if (input && 'past_key_values.0.key' in feeds) runs.push(input.dims[1]);
          return (target.run as (...args: unknown[]) => unknown)(feeds, ...rest);
        };
      },
    });
  const create = (async (...args: Parameters<Ort['InferenceSession']['create']>) =>
    count(await (ort.InferenceSession.create as (...a: unknown[]) => Promise<Session>)(...args))) as Ort['InferenceSession']['create'];
  return {
    ort: { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as Ort,
    runs,
    clear: () => runs.splice(0),
  };
}
