/**
 * Streams generated text into one region of a document so that the whole result is a single undo
 * step, however many edits the stream took. No VS Code API here: `EditTarget` is the document.
 *
 * While generating, each new piece becomes a small edit with no undo stop after it, so VS Code
 * usually merges them into one undo element. "Usually" is not enough: a save (auto-save after a
 * delay, for one) or a switch to `workspace.applyEdit` when the editor is hidden closes the
 * element, and one undo would then leave part of the stream behind. So at the end the region is
 * put back to its original text inside the streaming element, and the finished text goes in as
 * its own edit between two undo stops: one undo then always restores the original exactly. (A
 * second undo steps through the streaming element, which by then changes nothing.)
 *
 * A change that is not ours (the user typing, another extension) stops the stream and leaves the
 * document as it is: its offsets no longer mean what this class thinks they mean.
 */

export interface UndoStops {
  /** Close the undo element before this edit, so it does not merge with what came before. */
  before: boolean;
  /** Close it after, so nothing later merges into it. */
  after: boolean;
}

export interface EditTarget {
  /** Replaces `length` characters at `offset`; resolves false when that could not be done as asked
   * (the document changed under it, or is gone). */
  replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean>;
}

export type StreamEnding = 'complete' | 'cancelled';

/** What the region holds for a given generated text; see `regionText.ts` for the usual ones. */
export interface RegionText {
  /** While generating: everything generated so far. */
  live(generated: string): string;
  /** Once generation ended, or was cancelled part-way. */
  final(generated: string, ending: StreamEnding): string;
}

export type StreamedEditResult =
  /** The region holds `text`, and one undo restores the original. */
  | { kind: 'applied'; text: string }
  /** The document is as it was before the stream. */
  | { kind: 'unchanged' }
  /** Someone else changed the document; it was left as it was then. */
  | { kind: 'interrupted' };

export class StreamedEdit {
  private generated = '';
  /** What the region holds in the document now. */
  private shown: string;
  private touched = false;
  private ended = false;
  private interrupted = false;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly target: EditTarget,
    /** Where the region starts; the region itself initially holds `original`. */
    private readonly offset: number,
    private readonly original: string,
    private readonly region: RegionText,
    private readonly onInterrupted: () => void = () => undefined,
  ) {
    this.shown = original;
  }

  get text(): string {
    return this.generated;
  }

  append(delta: string): void {
    if (this.ended || this.interrupted) return;
    this.generated += delta;
    this.scheduleFlush();
  }

  /** The document changed under us: stop editing it, and tell whoever generates to stop. */
  interrupt(): void {
    if (this.interrupted) return;
    this.interrupted = true;
    this.onInterrupted();
  }

  /** Waits for the edit in flight, then leaves the final text as one undo step. */
  async finish(ending: StreamEnding): Promise<StreamedEditResult> {
    this.ended = true;
    await this.flushing;
    if (this.interrupted) return { kind: 'interrupted' };
    const final = this.region.final(this.generated, ending);
    if (this.shown !== this.original) {
      const restored = await this.show(this.original, { before: false, after: final === this.original });
      if (!restored) return this.interruptedResult();
    }
    if (final === this.original) return { kind: 'unchanged' };
    if (!(await this.show(final, { before: true, after: true }))) return this.interruptedResult();
    return { kind: 'applied', text: final };
  }

  private interruptedResult(): StreamedEditResult {
    this.interrupt();
    return { kind: 'interrupted' };
  }

  private get stopped(): boolean {
    return this.ended || this.interrupted;
  }

  /** One edit in flight at a time; pieces that arrive meanwhile go out together in the next. */
  private scheduleFlush(): void {
    if (this.flushing || this.stopped || this.region.live(this.generated) === this.shown) return;
    this.flushing = this.flushLive().finally(() => {
      this.flushing = undefined;
      this.scheduleFlush();
    });
  }

  private async flushLive(): Promise<void> {
    let desired = this.region.live(this.generated);
    while (!this.stopped && desired !== this.shown) {
      // The first edit closes whatever the user did before, so the stream never merges into it.
      if (!(await this.show(desired, { before: !this.touched, after: false }))) {
        this.interrupt();
        return;
      }
      desired = this.region.live(this.generated);
    }
  }

  private async show(desired: string, undo: UndoStops): Promise<boolean> {
    const keep = sharedPrefixLength(this.shown, desired);
    const applied = await this.target.replace(this.offset + keep, this.shown.length - keep, desired.slice(keep), undo);
    if (applied) {
      this.shown = desired;
      this.touched = true;
    }
    return applied;
  }
}

/** How much of `a` an edit to `b` can leave in place, never splitting a surrogate pair or a CRLF
 * (VS Code would move such an offset, and the edit would land one character off). */
export function sharedPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  if (n > 0 && n < Math.max(a.length, b.length)) {
    const last = a.charCodeAt(n - 1);
    const isHighSurrogate = last >= 0xd800 && last <= 0xdbff;
    if (isHighSurrogate || last === 0x0d /* \r */) n--;
  }
  return n;
}
