/** Tells the user how a generation streamed into a document ended, when that needs saying. */
import * as vscode from 'vscode';
import type { StreamedEditResult } from '../editing/streamedEdit';
import type { GenerationEnd } from './generateWithProgress';
import { showGenerationError } from './showGenerationError';

/** `retry` runs the command again after a fix (another model, a restarted engine). */
export function reportStreamEnd(ending: GenerationEnd, edit: StreamedEditResult, retry: () => unknown): void {
  if (edit.kind === 'interrupted') {
    void vscode.window.showWarningMessage('Inkwell stopped writing because the document changed. What it had written is kept.');
  } else if (ending.kind === 'failed') {
    void showGenerationError(ending.error, retry);
  } else if (ending.kind === 'complete' && edit.kind === 'unchanged') {
    void vscode.window.showInformationMessage('The model wrote nothing for this. Try again, or ask for something else.');
  }
}
