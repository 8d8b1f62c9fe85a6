/**
 * Ends the suggestion where it starts saying again what it (or the text just before the cursor)
 * already said: small models fall into loops, and a loop is never what the user wants next. A
 * repeat is a run of PHRASE_WORDS words seen before, compared without case and punctuation.
 */
import { fromRule, type TextTransform } from './textTransform';

const PHRASE_WORDS = 4;

export function stopOnRepetition(before: string): TextTransform {
  const seenBefore = phrases(words(before)).map((p) => p.key);
  return fromRule({
    inspect(text) {
      // The last word may still grow; only words followed by something are complete.
      const all = words(text);
      const complete = /\s$/.test(text) ? all : all.slice(0, -1);
      const repeat = firstRepeat(complete, seenBefore);
      if (repeat !== undefined) return { endAt: repeat };
      // A repeat found later can start at most PHRASE_WORDS - 1 complete words back.
      if (complete.length < PHRASE_WORDS - 1) return { settled: 0 };
      return { settled: complete[complete.length - (PHRASE_WORDS - 1)]!.start };
    },
    finish: (text) => firstRepeat(words(text), seenBefore) ?? text.length,
  });
}

/** Where the first phrase that was seen before starts, if one was. */
function firstRepeat(list: Word[], seenBefore: readonly string[]): number | undefined {
  const seen = new Set(seenBefore);
  for (const phrase of phrases(list)) {
    if (seen.has(phrase.key)) return phrase.start;
    seen.add(phrase.key);
  }
  return undefined;
}

interface Word {
  key: string;
  start: number;
}

function words(text: string): Word[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ key: m[0].toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''), start: m.index }));
}

function phrases(list: Word[]): Array<{ key: string; start: number }> {
  const result: Array<{ key: string; start: number }> = [];
  for (let i = 0; i + PHRASE_WORDS <= list.length; i++) {
    result.push({ key: list.slice(i, i + PHRASE_WORDS).map((w) => w.key).join(' '), start: list[i]!.start });
  }
  return result;
}
