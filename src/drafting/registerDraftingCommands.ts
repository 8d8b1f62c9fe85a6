/** The drafting commands; a rewrite is reviewed in the diff that chat code blocks use too. */
import * as vscode from 'vscode';
import type { EditReviews } from '../editing/editReview';
import type { InkwellServices } from '../services';
import { continueWriting, draftFromSelection } from './draftFromSelection';
import { rewriteSelection } from './rewriteSelection';

export function registerDraftingCommands(context: vscode.ExtensionContext, services: InkwellServices, reviews: EditReviews): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.draftFromSelection', (args?: unknown) => draftFromSelection(services, args)),
    vscode.commands.registerCommand('inkwell.rewriteSelection', (args?: unknown) => rewriteSelection(services, reviews, args)),
    vscode.commands.registerCommand('inkwell.continueWriting', () => continueWriting(services)),
  );
}
