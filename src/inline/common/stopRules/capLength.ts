/** Ends the suggestion at `maxLength` characters; a word the limit would cut goes whole. */
import { fromRule, type TextTransform } from './textTransform';

export function capLength(maxLength: number): TextTransform {
  return fromRule({
    inspect(text) {
      // The last word may still grow past the limit: it is settled once a space follows it.
      if (text.length <= maxLength) return { settled: text.search(/\S*$/) };
      if (/\s/.test(text[maxLength]!)) return { endAt: maxLength };
      const cutWordStart = text.slice(0, maxLength).search(/\S*$/);
      return { endAt: cutWordStart > 0 ? cutWordStart : maxLength };
    },
  });
}
