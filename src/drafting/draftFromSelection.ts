/**
 * `inkwell.draftFromSelection` and `inkwell.continueWriting`: the actions that write straight
 * into the document, streaming. An argument with the action (`{ "kind": "translate", "language":
 * "French" }`, from a keybinding) skips the quick pick.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { parseDraftAction } from './draftActions';
import { selectionOrParagraph } from './draftTarget';
import { pickDraftAction } from './pickDraftAction';
import { runDraft } from './runDraft';

export async function draftFromSelection(services: InkwellServices, args?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const range = editor && selectionOrParagraph(editor);
  if (!editor || !range) {
    void vscode.window.showInformationMessage('Select some text for Inkwell to work on.');
    return;
  }
  const action = parseDraftAction(args) ?? (await pickDraftAction());
  if (action) await runDraft(services, editor.document, range, action);
}

/** Continues at the cursor, or after the selection when there is one. */
export async function continueWriting(services: InkwellServices): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a document for Inkwell to continue.');
    return;
  }
  const { selection } = editor;
  await runDraft(services, editor.document, new vscode.Range(selection.start, selection.end), { kind: 'continue' });
}
