/** The `inkwell.inlineCompletions.*` settings, checked: a bad value falls back to its default. */

export type StopAt = 'sentence' | 'paragraph';

export interface InlineSettings {
  enabled: boolean;
  /** Language ids to complete in; `*` means every language. */
  languages: string[];
  /** In languages that are not prose (code), complete only inside comments and strings. */
  commentsAndStringsOnly: boolean;
  /** The pause after a keystroke before asking the model, before adapting (adaptiveDelay.ts). */
  delayMs: number;
  stopAt: StopAt;
  /** The longest suggestion, in characters. */
  maxLength: number;
}

export const DEFAULT_INLINE_SETTINGS: InlineSettings = {
  enabled: true,
  languages: ['markdown', 'plaintext'],
  commentsAndStringsOnly: true,
  delayMs: 200,
  stopAt: 'sentence',
  maxLength: 240,
};

/** `read(key)` gives the raw value of `inkwell.inlineCompletions.<key>`. */
export function parseInlineSettings(read: (key: keyof InlineSettings) => unknown): InlineSettings {
  const d = DEFAULT_INLINE_SETTINGS;
  const languages = read('languages');
  return {
    enabled: typeof read('enabled') === 'boolean' ? (read('enabled') as boolean) : d.enabled,
    languages: Array.isArray(languages) && languages.every((l) => typeof l === 'string') ? languages : d.languages,
    commentsAndStringsOnly: typeof read('commentsAndStringsOnly') === 'boolean' ? (read('commentsAndStringsOnly') as boolean) : d.commentsAndStringsOnly,
    delayMs: Math.round(inRange(read('delayMs'), 0, 5_000, d.delayMs)),
    stopAt: read('stopAt') === 'paragraph' || read('stopAt') === 'sentence' ? (read('stopAt') as StopAt) : d.stopAt,
    maxLength: Math.round(inRange(read('maxLength'), 10, 4_000, d.maxLength)),
  };
}

function inRange(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}
