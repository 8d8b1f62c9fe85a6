/** Runs a stop rule over text arriving in chunks, as the engine streams it. */
import { collect, type TextTransform } from '../../../src/inline/common/stopRules/textTransform';

export interface StepRun {
  text: string;
  /** How many input chunks the step read before it finished. */
  read: number;
  /** The step ended the suggestion before its input did. */
  stoppedEarly: boolean;
}

export async function runStep(step: TextTransform, chunks: readonly string[]): Promise<StepRun> {
  let read = 0;
  let exhausted = false;
  async function* source() {
    for (const chunk of chunks) {
      read++;
      yield chunk;
    }
    exhausted = true;
  }
  const text = await collect(step(source()));
  return { text, read, stoppedEarly: !exhausted };
}

/** The same text one character at a time: the hardest case for a rule that holds text back. */
export function byCharacter(text: string): string[] {
  return [...text];
}
