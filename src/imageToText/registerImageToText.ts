/** Image to text: the describe command, the alt text quick fix and the image paste provider. */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { AltTextCodeActions, GENERATE_ALT_TEXT_COMMAND, generateAltText } from './altTextCodeActions';
import { describeImage } from './describeImage';
import { ImagePasteProvider } from './imagePasteProvider';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

export function registerImageToText(context: vscode.ExtensionContext, services: InkwellServices): void {
  const paste = new ImagePasteProvider(services);
  context.subscriptions.push(
    vscode.commands.registerCommand('inkwell.describeImage', (invokedOn?: unknown) => describeImage(services, paste, invokedOn)),
    vscode.commands.registerCommand(GENERATE_ALT_TEXT_COMMAND, (uri?: unknown, line?: unknown, column?: unknown) => generateAltText(services, uri, line, column)),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new AltTextCodeActions(), AltTextCodeActions.metadata),
    // Every text document: "describe the clipboard's image" pastes into whatever is open.
    vscode.languages.registerDocumentPasteEditProvider({ scheme: '*' }, paste, ImagePasteProvider.metadata),
  );
}
