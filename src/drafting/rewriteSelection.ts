/**
 * `inkwell.rewriteSelection`: rewrites the selection (or the paragraph at the cursor) by an
 * instruction, shows the result as a diff while it streams, and changes the document only when
 * the user accepts, as one edit (one undo step).
 */
import * as vscode from 'vscode';
import { generateWithProgress } from '../commands/generateWithProgress';
import { showGenerationError } from '../commands/showGenerationError';
import { applyReviewedEdit } from '../editing/applyReviewedEdit';
import { replacement, withLineEnding } from '../editing/regionText';
import type { InkwellServices } from '../services';
import { buildDraftMessages } from './draftPrompts';
import { selectionOrParagraph } from './draftTarget';
import type { EditReviews } from '../editing/editReview';
import { tidyGeneratedText } from './tidyGeneratedText';

const TITLE = 'Inkwell: Rewrite Selection';

export async function rewriteSelection(services: InkwellServices, reviews: EditReviews, args?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const range = editor && selectionOrParagraph(editor);
  if (!editor || !range) {
    void vscode.window.showInformationMessage('Select the text for Inkwell to rewrite.');
    return;
  }
  const instruction = instructionFrom(args) ?? (await askInstruction());
  if (!instruction) return;

  const document = editor.document;
  const original = document.getText(range);
  const offset = document.offsetAt(range.start);
  const region = withLineEnding(
    replacement(original, (generated) => tidyGeneratedText(generated, original)),
    document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  );
  const review = await reviews.open(document, document.getText(), { offset, length: original.length });
  let generated = '';
  const ending = await generateWithProgress(services.provider, {
    title: 'Rewriting',
    request: {
      messages: buildDraftMessages({ kind: 'custom', instruction }, { text: original, languageId: document.languageId }),
      settings: services.settings().generation,
      purpose: 'draft',
    },
    onDelta: (delta) => {
      generated += delta;
      review.update(region.live(generated));
    },
    stop: review.onSettled,
  });
  const rewritten = region.final(generated, ending.kind === 'complete' ? 'complete' : 'cancelled');
  if (ending.kind !== 'complete' || rewritten === original) {
    review.close();
    if (ending.kind === 'failed') void showGenerationError(ending.error, () => vscode.commands.executeCommand('inkwell.rewriteSelection', { instruction }));
    else if (ending.kind === 'complete') void vscode.window.showInformationMessage('The model left the text as it was.');
    return;
  }
  review.update(rewritten, true);
  const decision = await review.decide();
  review.close();
  if (decision === 'accept') await applyReviewedEdit(document, original, offset, rewritten, 'the rewrite');
}

function instructionFrom(args: unknown): string | undefined {
  const instruction = typeof args === 'object' && args !== null ? (args as { instruction?: unknown }).instruction : undefined;
  return typeof instruction === 'string' && instruction.trim() !== '' ? instruction.trim() : undefined;
}

async function askInstruction(): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'How should Inkwell rewrite the text?',
    placeHolder: 'e.g. Make it friendlier and half as long',
    validateInput: (value) => (value.trim() === '' ? 'Say how to rewrite the text.' : undefined),
  });
  return answer?.trim() || undefined;
}
