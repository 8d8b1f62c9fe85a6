/**
 * A document with VS Code's undo semantics, as an `EditTarget` for streamed edits: an edit joins
 * the open undo element unless an undo stop closed it; `undo()` takes back the last element
 * whole. Each edit resolves after a macrotask, as an edit round-trip to the renderer does, so
 * that pieces pile up while one is in flight.
 */
import type { EditTarget, UndoStops } from '../../src/editing/streamedEdit';

interface UndoElement {
  before: string;
  open: boolean;
}

export class UndoableDocument implements EditTarget {
  private readonly elements: UndoElement[] = [];
  /** Every edit the stream made, in order. */
  readonly edits: { offset: number; length: number; text: string; undo: UndoStops }[] = [];
  /** Called before each edit is applied; a test changes the document there as a user would. */
  beforeEachEdit: (editIndex: number) => void = () => undefined;

  constructor(public text: string) {}

  async replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.beforeEachEdit(this.edits.length);
    this.edits.push({ offset, length, text, undo });
    if (this.refusing) return false;
    if (undo.before) this.pushUndoStop();
    this.apply(offset, length, text);
    if (undo.after) this.pushUndoStop();
    return true;
  }

  /** Makes later edits fail, as VS Code does when the document changed under them. */
  refusing = false;

  /** What a save or another command does between two of our edits. */
  pushUndoStop(): void {
    const last = this.elements.at(-1);
    if (last) last.open = false;
  }

  /** The user types: an element of its own. */
  type(offset: number, text: string): void {
    this.pushUndoStop();
    this.apply(offset, 0, text);
  }

  undo(): void {
    const element = this.elements.pop();
    if (element) this.text = element.before;
  }

  /** How many undo steps the document holds. */
  get undoDepth(): number {
    return this.elements.length;
  }

  private apply(offset: number, length: number, text: string): void {
    const before = this.text;
    this.text = before.slice(0, offset) + text + before.slice(offset + length);
    const last = this.elements.at(-1);
    if (!last?.open) this.elements.push({ before, open: true });
  }
}
