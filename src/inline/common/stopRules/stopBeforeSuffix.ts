/**
 * Ends the suggestion before the text that already follows the cursor (the probe), so it never
 * writes it twice. When the probe is the rest of the cursor's line, a suggestion that ends with
 * the start of it (`the end.` before `.`) also loses that part.
 */
import type { SuffixView } from '../completionPrompt';
import { fromRule, type TextTransform } from './textTransform';

export function stopBeforeSuffix(suffix: SuffixView): TextTransform {
  const probe = suffix.probe;
  if (!probe) return (input) => input;
  return fromRule({
    inspect(text) {
      const found = text.indexOf(probe);
      if (found >= 0) return { endAt: found };
      // The end may be the probe's first characters: hold it until the next chunk tells.
      return { settled: text.length - longestEndThatStarts(text, probe) };
    },
    finish: (text) => (suffix.onSameLine ? text.length - longestEndThatStarts(text, probe) : text.length),
  });
}

/** The length of the longest end of `text` that `probe` starts with (shorter than the probe). */
function longestEndThatStarts(text: string, probe: string): number {
  for (let length = Math.min(probe.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(probe.slice(0, length))) return length;
  }
  return 0;
}
