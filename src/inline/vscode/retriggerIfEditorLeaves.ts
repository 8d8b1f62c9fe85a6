/**
 * VS Code cancels a pending inline request when another editor comes to the front, and asks
 * again only on the next keystroke. The engine's panel does exactly that the first time it opens
 * (it shows, then steps behind the editor), so the first suggestion of a session was lost. When
 * a request is cancelled because its editor left the front, this asks for a suggestion again as
 * soon as that editor is back with the same text and cursor.
 */
import * as vscode from 'vscode';

/** The cancel and the change of editor reach the extension host as separate messages, in either order. */
const LEAVE_WITHIN_MS = 1_000;
/** How long the editor may be away for the request to still be wanted. */
const RETURN_WITHIN_MS = 15_000;

/** Dispose when the request ends; a return already being waited for is not affected. */
export function retriggerIfEditorLeaves(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Disposable {
  const version = document.version;
  const subscription = token.onCancellationRequested(() => {
    subscription.dispose();
    let away = vscode.window.activeTextEditor?.document !== document;
    const backAsItWas = (editor: vscode.TextEditor | undefined): boolean =>
      editor?.document === document && document.version === version && editor.selection.isEmpty && editor.selection.active.isEqual(position);
    const retrigger = (editor: vscode.TextEditor | undefined) => {
      if (!away || !backAsItWas(editor)) return;
      stop();
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    };
    const listeners = [
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document !== document) away = true;
        else retrigger(editor);
      }),
      // A returning editor gets its cursor back only after it is active again.
      vscode.window.onDidChangeTextEditorSelection((event) => retrigger(event.textEditor)),
    ];
    // Still in front after a moment: the user cancelled (Escape, a click), which is not ours to undo.
    const leaveTimer = setTimeout(() => away || stop(), LEAVE_WITHIN_MS);
    const returnTimer = setTimeout(() => stop(), RETURN_WITHIN_MS);
    const stop = () => {
      clearTimeout(leaveTimer);
      clearTimeout(returnTimer);
      for (const listener of listeners) listener.dispose();
    };
  });
  return subscription;
}
