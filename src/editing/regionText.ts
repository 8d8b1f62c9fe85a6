/**
 * The usual shapes of a streamed region (see `streamedEdit.ts`): a replacement of the selection,
 * an inline continuation, a new paragraph. Each takes `tidy`, which turns the raw generated text
 * into what belongs in the document once generation is complete (drop a preamble, unwrap a code
 * fence, ...); while streaming, the raw text is shown, trimmed at the start.
 */
import type { RegionText } from './streamedEdit';

type Tidy = (generated: string) => string;

/** Replaces `original`. Until the first visible character arrives the original stays; a
 * cancelled replacement puts the original back, since half a rewrite is worse than none. */
export function replacement(original: string, tidy: Tidy): RegionText {
  const dressed = (text: string) => (text === '' ? original : keepOuterWhitespace(original, text));
  return {
    live: (generated) => dressed(generated.trim()),
    final: (generated, ending) => (ending === 'cancelled' ? original : dressed(tidy(generated).trim())),
  };
}

/** Continues the text at the insertion point, within the line: a space where words would touch. */
export function continuation(around: { before: string; after: string }, tidy: Tidy): RegionText {
  const joined = (text: string) => {
    if (text === '') return '';
    const spaceBefore = /\S$/.test(around.before) && /^[\p{L}\p{N}([{"'“‘*_`]/u.test(text) ? ' ' : '';
    const spaceAfter = /[^\s]$/.test(text) && /^[\p{L}\p{N}]/u.test(around.after) ? ' ' : '';
    return spaceBefore + text + spaceAfter;
  };
  return {
    live: (generated) => joined(generated.trimStart()),
    // A cancelled continuation keeps what was written so far: it is text the user watched arrive.
    final: (generated, ending) => joined((ending === 'cancelled' ? generated : tidy(generated)).trim()),
  };
}

/** Inserts a paragraph of its own at the insertion point, with blank lines around it as needed. */
export function paragraph(around: { before: string; after: string }, tidy: Tidy): RegionText {
  const separated = (text: string) => {
    if (text === '') return '';
    return blankLineBefore(around.before) + text + blankLineAfter(around.after);
  };
  return {
    live: (generated) => separated(generated.trim()),
    final: (generated, ending) => separated((ending === 'cancelled' ? generated : tidy(generated)).trim()),
  };
}

/** Writes the region's line breaks as the document does (CRLF documents stay CRLF). */
export function withLineEnding(region: RegionText, eol: '\n' | '\r\n'): RegionText {
  const convert = (text: string) => text.replace(/\r\n?|\n/g, eol);
  return {
    live: (generated) => convert(region.live(generated)),
    final: (generated, ending) => convert(region.final(generated, ending)),
  };
}

/** `text` with the whitespace `original` had around it, so a rewrite of whole lines keeps its
 * line break and an indented paragraph stays indented. */
export function keepOuterWhitespace(original: string, text: string): string {
  const leading = /^\s*/.exec(original)?.[0] ?? '';
  const trailing = original.trim() === '' ? '' : (/\s*$/.exec(original)?.[0] ?? '');
  return leading + text.trim() + trailing;
}

function blankLineBefore(before: string): string {
  if (before === '' || /\n[ \t]*\n[ \t]*$/.test(before) || /^[ \t]*\n[ \t]*$/.test(before)) return '';
  return /\n[ \t]*$/.test(before) ? '\n' : '\n\n';
}

function blankLineAfter(after: string): string {
  if (after === '' || /^[ \t]*\r?\n[ \t]*\r?\n/.test(after)) return '';
  return /^[ \t]*\r?\n/.test(after) ? '\n' : '\n\n';
}
