/**
 * Turns what a model generated into what belongs in the document: a pipeline of small steps,
 * each undoing one habit of chat models (a "Here is..." line, a code fence or quotation marks
 * around the answer). A step only acts when the user's own text did not have that shape, so a
 * selected code block or quotation is never stripped of its fence or quotes.
 */

type TidyStep = (text: string, original: string) => string;

export function tidyGeneratedText(generated: string, original: string): string {
  const steps: TidyStep[] = [dropPreamble, unwrapCodeFence, unwrapQuotes];
  return steps.reduce((text, step) => step(text, original), generated.trim()).trim();
}

const PREAMBLE = /^(sure|certainly|of course|okay|ok|here(?:'s| is| are)|below is|the (?:improved|revised|rewritten|shortened|expanded|corrected|translated)\b)[^\n]*:[ \t]*\n+/i;

/** "Sure! Here is the improved text:" on a line of its own before the answer. */
export function dropPreamble(text: string, original: string): string {
  return PREAMBLE.test(original.trim()) ? text : text.replace(PREAMBLE, '');
}

const FENCED = /^```[\w+-]*[ \t]*\n([\s\S]*?)\n?```$/;

/** The whole answer inside one ``` fence. */
export function unwrapCodeFence(text: string, original: string): string {
  if (original.trim().startsWith('```')) return text;
  return FENCED.exec(text.trim())?.[1] ?? text;
}

const QUOTE_PAIRS: readonly [string, string][] = [['"', '"'], ['“', '”'], ["'", "'"], ['«', '»']];

/** The whole answer inside one pair of quotation marks (and none inside). */
export function unwrapQuotes(text: string, original: string): string {
  const trimmed = text.trim();
  const source = original.trim();
  for (const [open, close] of QUOTE_PAIRS) {
    if (trimmed.length < 2 || !trimmed.startsWith(open) || !trimmed.endsWith(close)) continue;
    if (source.startsWith(open) && source.endsWith(close)) return text;
    const inner = trimmed.slice(open.length, trimmed.length - close.length);
    return inner.includes(open) || inner.includes(close) ? text : inner;
  }
  return text;
}
