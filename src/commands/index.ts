/**
 * Registers Inkwell's commands. The drafting commands, image-to-text, code actions and the paste
 * provider register here too, on top of `services.provider`.
 */
import * as vscode from 'vscode';
import { registerDraftingCommands } from '../drafting/registerDraftingCommands';
import type { EditReviews } from '../editing/editReview';
import { registerImageToText } from '../imageToText/registerImageToText';
import type { InkwellServices } from '../services';
import { runningGenerations } from './runningGenerations';

export function registerCommands(context: vscode.ExtensionContext, services: InkwellServices, reviews: EditReviews): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.cancel', () => {
      runningGenerations.cancelAll();
      services.engine.cancelGenerations();
    }),
    vscode.commands.registerCommand('inkwell.showEngineLog', () => services.log.show(true)),
  );
  registerDraftingCommands(context, services, reviews);
  registerImageToText(context, services);
}
