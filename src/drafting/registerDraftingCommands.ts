/** The drafting commands and what they need registered alongside: the preview documents of rewrites. */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { continueWriting, draftFromSelection } from './draftFromSelection';
import { PREVIEW_SCHEME, PreviewDocuments } from './previewDocuments';
import { RewriteReviews } from './rewriteReview';
import { rewriteSelection } from './rewriteSelection';

export function registerDraftingCommands(context: vscode.ExtensionContext, services: InkwellServices): void {
  const previews = new PreviewDocuments();
  const reviews = new RewriteReviews(previews);
  context.subscriptions.push(
    previews,
    reviews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand('inkwell.draftFromSelection', (args?: unknown) => draftFromSelection(services, args)),
    vscode.commands.registerCommand('inkwell.rewriteSelection', (args?: unknown) => rewriteSelection(services, reviews, args)),
    vscode.commands.registerCommand('inkwell.continueWriting', () => continueWriting(services)),
    vscode.commands.registerCommand('inkwell.acceptRewrite', () => reviews.settle('accept')),
    vscode.commands.registerCommand('inkwell.rejectRewrite', () => reviews.settle('reject')),
  );
}
