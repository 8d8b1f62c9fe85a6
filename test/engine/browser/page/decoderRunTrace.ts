/**
 * Records the decoder runs the engine makes through an ORT module while installed: how many
 * positions each fed, and whether it went through a session created with graph capture (a decode
 * step replayed: replayedDecodeStep.ts). How the page tests see, from outside the engine, how it
 * cut a prompt and whether it replayed its steps.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../../../../webview/engine/api';

export interface DecoderRun {
  positions: number;
  replayed: boolean;
}

type Session = OrtTypes.InferenceSession;
type Create = (...args: unknown[]) => Promise<Session>;
type Run = (this: Session, ...args: unknown[]) => Promise<unknown>;

export function traceDecoderRuns(ort: Ort): { runs: DecoderRun[]; stop(): void } {
  const sessions = ort.InferenceSession as unknown as { create: Create; prototype: { run: Run } };
  const { create } = sessions;
  const { run } = sessions.prototype;
  const captured = new WeakSet<Session>();
  const runs: DecoderRun[] = [];
  sessions.create = async function tracedCreate(this: unknown, ...args: unknown[]) {
    const session = await create.apply(this, args);
    if ((args[1] as OrtTypes.InferenceSession.SessionOptions | undefined)?.enableGraphCapture) captured.add(session);
    return session;
  };
  sessions.prototype.run = async function tracedRun(this: Session, ...args: unknown[]) {
    if (this.inputNames.some((name) => name.startsWith('past_key_values.'))) {
      const feeds = args[0] as Record<string, OrtTypes.Tensor>;
      runs.push({ positions: (feeds.input_ids ?? feeds.inputs_embeds)!.dims[1]!, replayed: captured.has(this) });
    }
    return run.apply(this, args);
  };
  return {
    runs,
    stop: () => {
      sessions.create = create;
      sessions.prototype.run = run;
    },
  };
}
