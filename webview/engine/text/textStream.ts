import type { TextTokenizer } from './tokenizer';

/**
 * Turns generated token ids into text deltas. It decodes the whole generated sequence each step
 * (byte-level BPE can only be decoded correctly in context) and holds back:
 * - a trailing U+FFFD, which means a multi-byte character is split across tokens;
 * - any tail that could be the start of a stop string, so no delta ever contains part of one.
 * Concatenating every delta gives exactly `text`.
 */
export class TextStream {
  private readonly ids: number[] = [];
  private emitted = 0;
  private stoppedAt: number | undefined;

  constructor(
    private readonly tokenizer: TextTokenizer,
    private readonly stopStrings: readonly string[],
  ) {}

  /** Adds a token; returns the new text that is safe to show, and whether a stop string was reached. */
  push(id: number): { delta: string; stopped: boolean } {
    this.ids.push(id);
    const full = this.tokenizer.decode(this.ids, true);
    const stopIndex = firstStopIndex(full, this.stopStrings);
    if (stopIndex !== undefined) {
      this.stoppedAt = stopIndex;
      return { delta: this.take(full.slice(0, stopIndex)), stopped: true };
    }
    const safeEnd = full.length - heldBackLength(full, this.stopStrings);
    return { delta: this.take(full.slice(0, safeEnd)), stopped: false };
  }

  /** Everything decoded so far, cut before a stop string; flushes what was held back. */
  finish(): { delta: string; text: string } {
    const full = this.tokenizer.decode(this.ids, true);
    const text = this.stoppedAt !== undefined ? full.slice(0, this.stoppedAt) : full;
    return { delta: this.take(text), text };
  }

  private take(visible: string): string {
    if (visible.length <= this.emitted) return '';
    const delta = visible.slice(this.emitted);
    this.emitted = visible.length;
    return delta;
  }
}

function firstStopIndex(text: string, stopStrings: readonly string[]): number | undefined {
  let first: number | undefined;
  for (const stop of stopStrings) {
    if (!stop) continue;
    const index = text.indexOf(stop);
    if (index >= 0 && (first === undefined || index < first)) first = index;
  }
  return first;
}

/** Length of the tail to hold back: an incomplete character, or a possible stop-string start. */
function heldBackLength(text: string, stopStrings: readonly string[]): number {
  let hold = text.endsWith('\uFFFD') ? 1 : 0;
  for (const stop of stopStrings) {
    for (let n = Math.min(stop.length - 1, text.length); n > hold; n--) {
      if (text.endsWith(stop.slice(0, n))) {
        hold = n;
        break;
      }
    }
  }
  return hold;
}
