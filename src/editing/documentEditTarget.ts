/**
 * The `EditTarget` of a streamed edit: one text document, edited through an editor that shows
 * it (so undo stops can be controlled) or, when none does, through `workspace.applyEdit`.
 *
 * The editor is looked up on every edit rather than kept: VS Code gives a document a new
 * `TextEditor` each time its tab comes back to the front, which happens for instance when the
 * engine webview opens in front of it on first use and then steps back.
 *
 * Every change event of the document is checked against the edits in flight; anything else is a
 * foreign change (the user typing), reported once through `onForeignChange`. Offsets are no
 * longer trustworthy after one, so all later edits are refused.
 */
import * as vscode from 'vscode';
import type { EditTarget, UndoStops } from './streamedEdit';

interface OwnEdit {
  offset: number;
  length: number;
  text: string;
}

export class DocumentEditTarget implements EditTarget, vscode.Disposable {
  private readonly inFlight: OwnEdit[] = [];
  private foreign = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly document: vscode.TextDocument,
    onForeignChange: () => void,
  ) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || event.contentChanges.length === 0 || this.foreign) return;
      // VS Code reports a change before it answers the edit call that made it.
      if (this.inFlight.length > 0 && isEdit(event.contentChanges, this.inFlight[0])) {
        this.inFlight.shift();
        return;
      }
      this.foreign = true;
      onForeignChange();
    });
  }

  async replace(offset: number, length: number, text: string, undo: UndoStops): Promise<boolean> {
    if (this.foreign || this.document.isClosed) return false;
    const range = new vscode.Range(this.document.positionAt(offset), this.document.positionAt(offset + length));
    const own = { offset, length, text };
    this.inFlight.push(own);
    const applied = await this.apply(range, text, undo);
    if (!applied) this.inFlight.splice(this.inFlight.indexOf(own), 1);
    return applied && !this.foreign;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async apply(range: vscode.Range, text: string, undo: UndoStops): Promise<boolean> {
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.document);
    if (editor) {
      try {
        const applied = await editor.edit((builder) => builder.replace(range, text), { undoStopBefore: undo.before, undoStopAfter: undo.after });
        // False also when the editor went to the back between the lookup and the edit.
        if (applied || this.foreign) return applied;
      } catch {
        // The editor closed between the lookup and the edit; the document may still be open.
      }
    }
    // Carries the document version, so VS Code refuses it if the document changed meanwhile.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.document.uri, range, text);
    return vscode.workspace.applyEdit(edit);
  }
}

function isEdit(changes: readonly vscode.TextDocumentContentChangeEvent[], edit: OwnEdit): boolean {
  return changes.length === 1 && changes[0].rangeOffset === edit.offset && changes[0].rangeLength === edit.length && changes[0].text === edit.text;
}
