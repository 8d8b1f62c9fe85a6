/**
 * Ends the suggestion at the end of its line, sentence or paragraph (completionPlace.ts picks
 * which). A line ends at its first line break; a sentence or paragraph only once the suggestion
 * has some text, so one that starts on a new line or paragraph is fine. A sentence also ends at a
 * line break, as a Markdown heading or list item does.
 */
import type { Boundary } from '../completionPlace';
import { fromRule, type TextTransform } from './textTransform';

/** Periods that do not end a sentence: common abbreviations and initials (`J. R. R.`). */
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|vs|cf|mr|mrs|ms|dr|st)\.$/i;
const INITIAL = /(?:^|\s)\p{Lu}\.$/u;

export function stopAtBoundary(boundary: Boundary): TextTransform {
  return fromRule({
    inspect(text) {
      if (boundary === 'line') {
        const lineEnd = text.indexOf('\n');
        return lineEnd >= 0 ? { endAt: lineEnd } : { settled: text.length };
      }
      const contentStart = text.search(/\S/);
      if (contentStart < 0) return { settled: text.length };
      const body = text.slice(contentStart);
      const end = boundary === 'paragraph' ? paragraphEnd(body) : sentenceEnd(body);
      if (end.at !== undefined) return { endAt: contentStart + end.at };
      return { settled: contentStart + end.settled };
    },
  });
}

type Verdict = { at: number; settled?: never } | { at?: never; settled: number };

function paragraphEnd(body: string): Verdict {
  const blank = /\n[ \t]*\n/.exec(body);
  if (blank) return { at: blank.index };
  // A line break at the end may be the start of a blank line.
  const trailingBreak = /\n[ \t]*$/.exec(body);
  return { settled: trailingBreak ? trailingBreak.index : body.length };
}

function sentenceEnd(body: string): Verdict {
  const lineBreak = body.indexOf('\n');
  const scanned = lineBreak >= 0 ? body.slice(0, lineBreak) : body;
  for (const match of scanned.matchAll(/[.!?…]+["'”’)\]*_]*(?=\s)/g)) {
    const end = match.index + match[0].length;
    const sentence = scanned.slice(0, end);
    if (!ABBREVIATION.test(sentence) && !INITIAL.test(sentence)) return { at: end };
  }
  if (lineBreak >= 0) return { at: lineBreak };
  // Closing punctuation at the very end may end the sentence once a space follows it.
  const pending = /[.!?…]+["'”’)\]*_]*$/.exec(body);
  return { settled: pending ? pending.index : body.length };
}
