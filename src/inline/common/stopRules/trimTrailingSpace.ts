/** Whitespace at the end of a suggestion would leave stray spaces or blank lines in the document. */
import { fromRule, type TextTransform } from './textTransform';

export function trimTrailingSpace(): TextTransform {
  return fromRule({
    inspect: (text) => ({ settled: text.trimEnd().length }),
    finish: (text) => text.trimEnd().length,
  });
}
