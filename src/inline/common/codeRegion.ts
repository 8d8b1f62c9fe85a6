/**
 * Whether the end of a code document's text lies in code, a comment or a string literal. VS Code
 * gives extensions no syntax tokens, so this scans with each language's comment and quote
 * delimiters: enough to tell prose (comments, strings) from code, not a parser.
 */

export interface CommentSyntax {
  line: string[];
  block: Array<[open: string, close: string]>;
  /** Quotes in the order they are tried (`"""` before `"`); `multiline` strings may span lines. */
  quotes: Array<{ quote: string; multiline: boolean }>;
}

export type CodeRegion = 'code' | 'comment' | 'string';

/** Scanning starts at most this far back (at a line start): a block comment opened earlier is missed. */
const SCAN_LIMIT = 50_000;

export function codeRegionAt(before: string, syntax: CommentSyntax): CodeRegion {
  let i = before.length > SCAN_LIMIT ? before.indexOf('\n', before.length - SCAN_LIMIT) + 1 : 0;
  let state: { kind: 'code' } | { kind: 'comment'; close: string } | { kind: 'string'; quote: string; multiline: boolean } = { kind: 'code' };
  while (i < before.length) {
    if (state.kind === 'code') {
      const at = (token: string) => before.startsWith(token, i);
      // Block openers first: Lua's `--[[` starts with its line comment's `--`.
      const block = syntax.block.find(([open]) => at(open));
      const line = block ? undefined : syntax.line.find(at);
      const quote = block || line ? undefined : syntax.quotes.find((q) => at(q.quote));
      if (block) state = { kind: 'comment', close: block[1] };
      else if (line) state = { kind: 'comment', close: '\n' };
      else if (quote) state = { kind: 'string', ...quote };
      const opener = block?.[0] ?? line ?? quote?.quote;
      i += opener ? opener.length : 1;
    } else if (state.kind === 'comment') {
      if (before.startsWith(state.close, i)) {
        i += state.close.length;
        state = { kind: 'code' };
      } else i++;
    } else if (before[i] === '\\') {
      i += 2;
    } else if (before.startsWith(state.quote, i) || (before[i] === '\n' && !state.multiline)) {
      i += before[i] === '\n' ? 1 : state.quote.length;
      state = { kind: 'code' };
    } else i++;
  }
  return state.kind;
}
