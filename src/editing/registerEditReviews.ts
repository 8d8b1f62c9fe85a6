/** The diff reviews shared by rewrites and chat code blocks: their preview documents and the ✓/✗ commands. */
import * as vscode from 'vscode';
import { EditReviews } from './editReview';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';

export function registerEditReviews(context: vscode.ExtensionContext): EditReviews {
  const previews = new PreviewDocuments();
  const reviews = new EditReviews(previews);
  context.subscriptions.push(
    previews,
    reviews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand('inkwell.acceptRewrite', () => reviews.settle('accept')),
    vscode.commands.registerCommand('inkwell.rejectRewrite', () => reviews.settle('reject')),
  );
  return reviews;
}
