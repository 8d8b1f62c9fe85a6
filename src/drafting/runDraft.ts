/**
 * Runs one drafting action on a range of a document: builds the prompt, streams the answer into
 * the document where the action puts it (see `draftActions.ts`), and tells the user how it ended.
 */
import * as vscode from 'vscode';
import { generateWithProgress } from '../commands/generateWithProgress';
import { reportStreamEnd } from '../commands/reportStreamEnd';
import { continuation, paragraph, replacement } from '../editing/regionText';
import { streamIntoDocument, type DocumentRegion } from '../editing/streamIntoDocument';
import type { InkwellServices } from '../services';
import { draftActionEntry, type DraftAction, type DraftPlacement } from './draftActions';
import { buildDraftMessages } from './draftPrompts';
import { tidyGeneratedText } from './tidyGeneratedText';

export async function runDraft(services: InkwellServices, document: vscode.TextDocument, range: vscode.Range, action: DraftAction): Promise<void> {
  const entry = draftActionEntry(action.kind);
  const selected = document.getText(range);
  const region = regionFor(entry.placement, document, range);
  const before = document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(region.offset)));
  const request = {
    messages: buildDraftMessages(action, { text: selected, languageId: document.languageId, before }),
    settings: services.settings().generation,
    purpose: 'draft' as const,
  };
  const { ending, edit } = await streamIntoDocument(document, region, (onDelta, stop) =>
    generateWithProgress(services.provider, { title: entry.progressTitle, request, onDelta, stop }),
  );
  reportStreamEnd(ending, edit, () => vscode.commands.executeCommand('inkwell.draftFromSelection', action));
  if (edit.kind === 'applied') revealResult(document, region.offset, edit.text, entry.placement === 'replace');
}

function regionFor(placement: DraftPlacement, document: vscode.TextDocument, range: vscode.Range): DocumentRegion {
  const selected = document.getText(range);
  const tidy = (original: string) => (generated: string) => tidyGeneratedText(generated, original);
  if (placement === 'replace') {
    return { offset: document.offsetAt(range.start), original: selected, text: replacement(selected, tidy(selected)) };
  }
  const at = placement === 'continue' ? range.end : endOfBlock(document, range);
  const offset = document.offsetAt(at);
  const text = document.getText();
  const around = { before: text.slice(0, offset), after: text.slice(offset) };
  return { offset, original: '', text: placement === 'continue' ? continuation(around, tidy('')) : paragraph(around, tidy('')) };
}

/** A new paragraph goes after the last selected line, not in the middle of it. */
function endOfBlock(document: vscode.TextDocument, range: vscode.Range): vscode.Position {
  const endsAtLineStart = range.end.character === 0 && range.end.line > range.start.line;
  return endsAtLineStart ? range.end : document.lineAt(range.end.line).range.end;
}

/** A replacement stays selected, so that another action can follow it; anything else leaves
 * the cursor after the new text. */
function revealResult(document: vscode.TextDocument, offset: number, text: string, select: boolean): void {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document !== document) return;
  const start = document.positionAt(offset);
  const end = document.positionAt(offset + text.length);
  editor.selection = select ? new vscode.Selection(start, end) : new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(start, end));
}
