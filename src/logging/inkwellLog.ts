/**
 * The "Inkwell" log channel. Everything the extension logs goes here, at a level the user picks
 * with "Developer: Set Log Level". Prompts, outputs and file-server tokens are never logged.
 */
import * as vscode from 'vscode';

export function createInkwellLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Inkwell', { log: true });
}
