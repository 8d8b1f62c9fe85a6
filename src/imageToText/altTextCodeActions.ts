/**
 * "Generate alt text": a quick fix on Markdown images whose alt text is missing or says nothing
 * (see `altTextQuality.ts`). The model takes seconds, so the action runs a command
 * (`inkwell.generateAltText`) instead of carrying a ready edit.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { isPoorAltText } from './altTextQuality';
import { describeMarkdownImage } from './describeMarkdownImage';
import { findMarkdownImages } from './markdownImages';

export const ALT_TEXT_ACTION_KIND = vscode.CodeActionKind.QuickFix.append('inkwell').append('altText');

export const GENERATE_ALT_TEXT_COMMAND = 'inkwell.generateAltText';

export class AltTextCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [ALT_TEXT_ACTION_KIND] };

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(ALT_TEXT_ACTION_KIND)) return [];
    const actions: vscode.CodeAction[] = [];
    for (let line = range.start.line; line <= range.end.line; line++) {
      for (const image of findMarkdownImages(document.lineAt(line).text)) {
        const touches = new vscode.Range(line, image.start, line, image.end).intersection(range) !== undefined;
        if (!touches || !isPoorAltText(image.alt, image.target)) continue;
        const action = new vscode.CodeAction('Generate alt text', ALT_TEXT_ACTION_KIND);
        action.command = { command: GENERATE_ALT_TEXT_COMMAND, title: 'Generate alt text', arguments: [document.uri, line, image.start] };
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Arguments: the document, the image's line and the column of its `!`. */
export async function generateAltText(services: InkwellServices, uri: unknown, line: unknown, column: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || typeof line !== 'number' || typeof column !== 'number') return;
  const document = await vscode.workspace.openTextDocument(uri);
  if (line >= document.lineCount) return;
  const image = findMarkdownImages(document.lineAt(line).text).find((found) => found.start === column);
  if (image) await describeMarkdownImage(services, document, line, image, { kind: 'altText' });
}
