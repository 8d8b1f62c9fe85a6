/** Reads `inkwell.inlineCompletions.*`; the checking is in `../common/inlineSettings.ts`. */
import * as vscode from 'vscode';
import { parseInlineSettings, type InlineSettings } from '../common/inlineSettings';

export const INLINE_SECTION = 'inkwell.inlineCompletions';

export function readInlineSettings(): InlineSettings {
  const config = vscode.workspace.getConfiguration(INLINE_SECTION);
  return parseInlineSettings((key) => config.get(key));
}
