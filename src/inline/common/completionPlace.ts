/**
 * Whether to suggest at the cursor, and where a suggestion ends: prose languages get prose
 * everywhere but in Markdown code blocks; code gets completions inside comments and strings only
 * (unless the user says otherwise), and those end with their line.
 */
import { codeRegionAt } from './codeRegion';
import { insideCodeFence } from './codeFence';
import { commentSyntaxOf } from './commentSyntax';
import type { InlineSettings } from './inlineSettings';

export type Boundary = 'line' | 'sentence' | 'paragraph';

export type NotHere = 'language' | 'code' | 'code-block' | 'mid-word' | 'nothing-before';

export type CompletionPlace = { complete: true; boundary: Boundary } | { complete: false; reason: NotHere };

/** Languages whose whole text is prose. */
const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc']);

export function completionPlace(
  at: { languageId: string; before: string; after: string },
  settings: Pick<InlineSettings, 'languages' | 'commentsAndStringsOnly' | 'stopAt'>,
): CompletionPlace {
  if (!settings.languages.includes(at.languageId) && !settings.languages.includes('*')) return notHere('language');
  if (at.before.trim() === '') return notHere('nothing-before');
  // A suggestion in the middle of a word would split it.
  if (/^[\p{L}\p{N}_]/u.test(at.after)) return notHere('mid-word');
  if (PROSE_LANGUAGES.has(at.languageId)) {
    if (at.languageId === 'markdown' && insideCodeFence(at.before)) return notHere('code-block');
    return { complete: true, boundary: settings.stopAt };
  }
  if (!settings.commentsAndStringsOnly) return { complete: true, boundary: settings.stopAt };
  const syntax = commentSyntaxOf(at.languageId);
  if (!syntax || codeRegionAt(at.before, syntax) === 'code') return notHere('code');
  return { complete: true, boundary: 'line' };
}

function notHere(reason: NotHere): CompletionPlace {
  return { complete: false, reason };
}
