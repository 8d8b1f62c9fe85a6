/** What the buttons on a reply or code block do in the editor: copy, insert at the cursor, replace the selection, open as a new file. */
import * as vscode from 'vscode';
import type { ChatError, CodeBlockAction } from '../../../webview/chat/protocol/chatProtocol';
import { languageIdOfFence } from '../common/fenceLanguage';
import type { EditorContext } from './editorContext';
import type { EditReviews } from '../../editing/editReview';
import { replaceSelectionWithReview } from './replaceSelectionWithReview';

const NO_EDITOR: ChatError = { code: 'no-editor', message: 'Open a text editor first: there is no cursor to put the code at.' };

/** Runs the action; an error value comes back when there is nothing to act on. */
export async function runCodeBlockAction(
  action: CodeBlockAction,
  code: string,
  fence: string,
  context: { editorContext: EditorContext; reviews: EditReviews },
): Promise<ChatError | undefined> {
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(code);
      return undefined;
    case 'newDocument': {
      const language = languageIdOfFence(fence, await vscode.languages.getLanguages());
      const document = await vscode.workspace.openTextDocument({ content: code, language });
      await vscode.window.showTextDocument(document);
      return undefined;
    }
    case 'insert': {
      const editor = context.editorContext.editor;
      if (!editor) return NO_EDITOR;
      await editor.edit((builder) => {
        for (const selection of editor.selections) builder.insert(selection.active, code);
      });
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return undefined;
    }
    case 'replace': {
      const editor = context.editorContext.editor;
      if (!editor) return NO_EDITOR;
      if (editor.selection.isEmpty) return { code: 'no-selection', message: 'Select the text to replace first, or use Insert at Cursor.' };
      await replaceSelectionWithReview(context.reviews, editor, code);
      return undefined;
    }
  }
}
