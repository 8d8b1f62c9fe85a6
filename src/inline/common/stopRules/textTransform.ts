/**
 * The shape of suggestion post-processing (after Continue's autocomplete): a chain of small
 * transforms over the streamed text. A step that ends its output early stops the steps before it,
 * and so the generation at the head of the chain.
 */

export type TextTransform = (input: AsyncIterable<string>) => AsyncIterable<string>;

/**
 * Most steps are easiest to state as a look at all the text so far: how much of it is settled
 * (and may go on), or where the suggestion ends. A step must never end it before what it already
 * called settled.
 */
export interface StopRule {
  inspect(text: string): { settled: number } | { endAt: number };
  /** Where the suggestion ends once the text is complete; all of it when absent. */
  finish?(text: string): number;
}

export function fromRule(rule: StopRule): TextTransform {
  return async function* (input) {
    let text = '';
    let sent = 0;
    for await (const chunk of input) {
      text += chunk;
      const verdict = rule.inspect(text);
      const upTo = 'endAt' in verdict ? verdict.endAt : verdict.settled;
      if (upTo > sent) yield text.slice(sent, upTo);
      if ('endAt' in verdict) return;
      sent = Math.max(sent, upTo);
    }
    const end = rule.finish ? rule.finish(text) : text.length;
    if (end > sent) yield text.slice(sent, end);
  };
}

export function chain(source: AsyncIterable<string>, steps: readonly TextTransform[]): AsyncIterable<string> {
  return steps.reduce((stream, step) => step(stream), source);
}

export async function collect(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}
