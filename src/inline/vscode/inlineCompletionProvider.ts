/**
 * The editor side of inline completions: turns a document and a position into the completer's
 * request, and its suggestion into ghost text. The item replaces the line up to the cursor (with
 * that same text plus the suggestion), which lets VS Code keep showing it while the user types
 * through it; accepting it whole runs ACCEPTED_COMMAND for the accounting.
 */
import * as vscode from 'vscode';
import type { CompletionResult, InlineCompleter } from '../common/inlineCompleter';
import { retriggerIfEditorLeaves } from './retriggerIfEditorLeaves';

export const ACCEPTED_COMMAND = 'inkwell.inlineCompletionAccepted';

/** Documents the user edits; not output channels, diff sides or Inkwell's previews. */
const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export class InlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly completer: InlineCompleter,
    private readonly onResult: (result: CompletionResult) => void,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // With the suggest widget open, its item decides what comes next, not prose.
    if (context.selectedCompletionInfo || !EDITABLE_SCHEMES.has(document.uri.scheme)) return undefined;
    const offset = document.offsetAt(position);
    const text = document.getText();
    const watch = retriggerIfEditorLeaves(document, position, token);
    const result = await this.completer.complete(
      {
        documentKey: document.uri.toString(),
        languageId: document.languageId,
        // The stop rules and the prompt window think in `\n`; the suggestion is inserted as text, so offsets need not match.
        before: text.slice(0, offset).replace(/\r\n/g, '\n'),
        after: text.slice(offset).replace(/\r\n/g, '\n'),
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
      },
      token,
    ).finally(() => watch.dispose());
    this.onResult(result);
    if (result.kind !== 'suggestion') return undefined;
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const range = new vscode.Range(position.line, 0, position.line, position.character);
    return [new vscode.InlineCompletionItem(linePrefix + result.text, range, { command: ACCEPTED_COMMAND, title: 'Accepted' })];
  }
}
