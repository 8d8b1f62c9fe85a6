/**
 * "Replace selection" from a chat code block: the shared diff review (the rewrite's) of the
 * document with the code in place of the selection, applied only when the user accepts.
 */
import * as vscode from 'vscode';
import { applyReviewedEdit } from '../../editing/applyReviewedEdit';
import type { EditReviews, ReviewLabels } from '../../editing/editReview';

const CODE_BLOCK_LABELS: ReviewLabels = {
  diffTitle: 'Inkwell code block',
  question: 'Replace the selection in {name} with the code block?',
  accept: 'Replace',
  reject: 'Cancel',
};

export async function replaceSelectionWithReview(reviews: EditReviews, editor: vscode.TextEditor, code: string): Promise<void> {
  const { document, selection } = editor;
  const offset = document.offsetAt(selection.start);
  const original = document.getText(selection);
  const review = await reviews.open(document, document.getText(), { offset, length: original.length }, CODE_BLOCK_LABELS);
  review.update(code, true);
  const decision = await review.decide();
  review.close();
  if (decision === 'accept') await applyReviewedEdit(document, original, offset, code, 'the code block');
}
