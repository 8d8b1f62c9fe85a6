/**
 * The editor as chat context: follows the active editor's selection (offered as a chip while
 * it is not empty) and lets the user pick workspace files, the active one first.
 */
import * as vscode from 'vscode';
import type { ContextAttachment } from '../../../webview/chat/protocol/chatProtocol';
import { fileAttachment, selectionAttachment } from '../common/contextAttachments';

/** Selections change with every arrow key; the chip follows once the cursor rests. */
const SELECTION_SETTLE_MS = 150;
const MAX_PICKER_FILES = 5_000;

export class EditorContext implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The text editor the user last worked in: the chat view taking focus must not lose it. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(private readonly onSelection: (attachment: ContextAttachment | undefined) => void) {
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (isDocumentEditor(event.textEditor)) this.lastEditor = event.textEditor;
        this.scheduleSelection();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isDocumentEditor(editor)) this.lastEditor = editor;
        this.scheduleSelection();
      }),
    ];
  }

  /** The editor to insert into or read from: the active one, else the last one the user used. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isDocumentEditor(active)) return active;
    return this.lastEditor && vscode.window.visibleTextEditors.includes(this.lastEditor) ? this.lastEditor : undefined;
  }

  currentSelection(): ContextAttachment | undefined {
    const editor = this.editor;
    if (!editor || editor.selection.isEmpty) return undefined;
    const { document, selection } = editor;
    return selectionAttachment({
      key: `${document.uri.toString()}#${document.offsetAt(selection.start)}-${document.offsetAt(selection.end)}`,
      path: vscode.workspace.asRelativePath(document.uri),
      languageId: document.languageId,
      text: document.getText(selection),
      startLine: selection.start.line,
      endLine: selection.end.line,
    });
  }

  async pickFiles(): Promise<ContextAttachment[]> {
    const active = this.editor?.document.uri;
    const files = await vscode.workspace.findFiles('**/*', undefined, MAX_PICKER_FILES);
    const uris = [...(active ? [active] : []), ...files.filter((uri) => uri.toString() !== active?.toString())];
    const picked = await vscode.window.showQuickPick(
      uris.map((uri) => ({
        label: `$(file) ${vscode.workspace.asRelativePath(uri, false)}`,
        description: uri.toString() === active?.toString() ? 'active editor' : undefined,
        uri,
      })),
      { canPickMany: true, title: 'Attach Files to the Chat', placeHolder: 'Files whose text the model should see', matchOnDescription: true },
    );
    const attachments: ContextAttachment[] = [];
    for (const { uri } of picked ?? []) {
      const document = await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
      if (document) attachments.push(fileAttachment(vscode.workspace.asRelativePath(uri), document.languageId, document.getText()));
      else void vscode.window.showWarningMessage(`Inkwell cannot attach ${vscode.workspace.asRelativePath(uri)}: it is not a text file.`);
    }
    return attachments;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private scheduleSelection(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onSelection(this.currentSelection()), SELECTION_SETTLE_MS);
  }
}

/** Editors of real documents, not the Output panel or other views that show text. */
function isDocumentEditor(editor: vscode.TextEditor): boolean {
  return ['file', 'untitled', 'vscode-remote', 'vscode-userdata'].includes(editor.document.uri.scheme);
}
