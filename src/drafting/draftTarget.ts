/** What a drafting command works on: the selection, or the paragraph at the cursor when nothing is selected. */
import * as vscode from 'vscode';
import { paragraphAt } from './paragraphAt';

export function selectionOrParagraph(editor: vscode.TextEditor): vscode.Range | undefined {
  const { selection, document } = editor;
  if (!selection.isEmpty) return new vscode.Range(selection.start, selection.end);
  const span = paragraphAt((line) => document.lineAt(line).text, document.lineCount, selection.active.line);
  return span && new vscode.Range(span.startLine, 0, span.endLine, document.lineAt(span.endLine).text.length);
}
