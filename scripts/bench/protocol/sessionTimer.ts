/**
 * Watches every `session.run` of one onnxruntime-web module by wrapping the shared
 * InferenceSession prototype: reports each run's start and end with its graph (told apart by its
 * inputs), and totals their durations. Both engines run on the same module, so one probe sees both
 * the same way: it is how the bench tells prefill from decode, and gets image-encoding time, out of
 * either engine. A run's duration includes the GPU's work only for outputs it returns on the CPU.
 */
import type { Ort } from '../../../webview/engine/api';

export type GraphRole = 'vision_encoder' | 'embed_tokens' | 'decoder' | 'other';
export type SessionTotals = Partial<Record<GraphRole, { ms: number; runs: number }>>;

type Run = (this: { inputNames: readonly string[] }, ...args: unknown[]) => Promise<unknown>;

export interface SessionProbe {
  totals(): SessionTotals;
  reset(): void;
  /** Called as each run starts and after it ends; replaces the previous listener. */
  onRun(listener: RunListener | undefined): void;
}

/** `positions`: how many sequence positions the run feeds (its `input_ids` or `inputs_embeds`), when it feeds either. */
export type RunListener = (event: 'start' | 'end', role: GraphRole, positions: number | undefined) => void;

export function installSessionProbe(ort: Ort): SessionProbe {
  let totals: SessionTotals = {};
  let listener: RunListener | undefined;
  const proto = (ort.InferenceSession as unknown as { prototype: { run: Run } }).prototype;
  const original = proto.run;
  proto.run = async function timedRun(this: { inputNames: readonly string[] }, ...args: unknown[]) {
    const role = graphRole(this.inputNames);
    const positions = fedPositions(args[0]);
    listener?.('start', role, positions);
    const started = performance.now();
    const result = await original.apply(this, args);
    const entry = (totals[role] ??= { ms: 0, runs: 0 });
    entry.ms += performance.now() - started;
    entry.runs++;
    listener?.('end', role, positions);
    return result;
  };
  return {
    totals: () => structuredClone(totals),
    reset: () => void (totals = {}),
    onRun: (next) => void (listener = next),
  };
}

function fedPositions(feeds: unknown): number | undefined {
  const { input_ids: ids, inputs_embeds: embeds } = (feeds ?? {}) as Record<string, { dims?: readonly number[] } | undefined>;
  return (ids ?? embeds)?.dims?.[1];
}

function graphRole(inputNames: readonly string[]): GraphRole {
  if (inputNames.includes('pixel_values')) return 'vision_encoder';
  if (inputNames.some((n) => n.startsWith('past_key_values.'))) return 'decoder';
  if (inputNames.length === 1 && inputNames[0] === 'input_ids') return 'embed_tokens';
  return 'other';
}
