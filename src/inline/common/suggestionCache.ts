/**
 * Keeps the last suggestion alive while the user types through it: when the new text before the
 * cursor is the old one plus the start of the suggestion (and the text after the cursor is the
 * same), the rest of the suggestion is still right, without asking the model. Any other edit
 * drops it.
 */

export interface CursorText {
  documentKey: string;
  before: string;
  after: string;
}

export type CacheLookup =
  /** The rest of the suggestion, not yet typed; empty when the user typed all of it. */
  | { kind: 'kept'; rest: string }
  | { kind: 'miss' };

export class SuggestionCache {
  private entry: (CursorText & { suggestion: string }) | undefined;

  remember(at: CursorText, suggestion: string): void {
    this.entry = { ...at, suggestion };
  }

  lookup(at: CursorText): CacheLookup {
    const entry = this.entry;
    if (!entry) return { kind: 'miss' };
    const typed = at.before.slice(entry.before.length);
    const typingThrough =
      at.documentKey === entry.documentKey &&
      at.after === entry.after &&
      at.before.startsWith(entry.before) &&
      entry.suggestion.startsWith(typed);
    if (!typingThrough) {
      this.entry = undefined;
      return { kind: 'miss' };
    }
    return { kind: 'kept', rest: entry.suggestion.slice(typed.length) };
  }

  clear(): void {
    this.entry = undefined;
  }
}
