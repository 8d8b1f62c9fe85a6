/**
 * Puts an accepted proposal into the document. The user may have edited the document while
 * reviewing: the new text goes where the original text is now, and is not applied when that is
 * no longer clear. The result is selected, in front.
 */
import * as vscode from 'vscode';
import { locateText } from './locateText';

/** `what` names the proposal in the warnings ("the rewrite"). */
export async function applyReviewedEdit(document: vscode.TextDocument, original: string, offset: number, replacement: string, what: string): Promise<void> {
  const at = document.isClosed ? undefined : locateText(document.getText(), original, offset);
  if (at === undefined) {
    void vscode.window.showWarningMessage(`${capitalized(what)} was not applied: the text it replaces changed or is gone.`);
    return;
  }
  const range = new vscode.Range(document.positionAt(at), document.positionAt(at + original.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`${capitalized(what)} was not applied: the document changed while it was being applied.`);
    return;
  }
  const start = document.positionAt(at);
  const end = document.positionAt(at + replacement.length);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end) });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
