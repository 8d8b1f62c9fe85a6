/**
 * "Replace selection" from a chat code block: shows the document as it is against the document
 * with the code in place of the selection, and applies it only when the user accepts. Refuses
 * when the document changed while the diff was open, since the selection may no longer be the
 * text the user meant.
 */
import * as vscode from 'vscode';

export const CHAT_PREVIEW_SCHEME = 'inkwell-chat-preview';

export class ReplaceWithPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(CHAT_PREVIEW_SCHEME, this);
  private nextId = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async replace(editor: vscode.TextEditor, code: string): Promise<void> {
    const { document, selection } = editor;
    const version = document.version;
    const snapshot = document.getText();
    const start = document.offsetAt(selection.start);
    const end = document.offsetAt(selection.end);
    const name = document.uri.path.split('/').pop() || 'document';
    const id = this.nextId++;
    const original = vscode.Uri.from({ scheme: CHAT_PREVIEW_SCHEME, path: `/${id}/original/${name}` });
    const proposal = vscode.Uri.from({ scheme: CHAT_PREVIEW_SCHEME, path: `/${id}/proposal/${name}` });
    this.texts.set(original.toString(), snapshot);
    this.texts.set(proposal.toString(), snapshot.slice(0, start) + code + snapshot.slice(end));
    try {
      await vscode.commands.executeCommand('vscode.diff', original, proposal, `${name} ↔ Inkwell code block`, { preview: true });
      const choice = await vscode.window.showInformationMessage(`Replace the selection in ${name} with the code block?`, 'Replace', 'Cancel');
      await this.closeDiff(proposal);
      if (choice !== 'Replace') return;
      if (document.version !== version) {
        void vscode.window.showWarningMessage(`${name} changed while the preview was open; nothing was replaced.`);
        return;
      }
      const shown = await vscode.window.showTextDocument(document, editor.viewColumn);
      await shown.edit((builder) => builder.replace(selection, code));
    } finally {
      this.texts.delete(original.toString());
      this.texts.delete(proposal.toString());
    }
  }

  dispose(): void {
    this.registration.dispose();
  }

  private async closeDiff(proposal: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.toString());
    await vscode.window.tabGroups.close(tabs);
  }
}
