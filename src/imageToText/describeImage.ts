/**
 * `inkwell.describeImage`: writes about an image, found in this order: the file it was invoked
 * on (explorer, an image's tab), the image tab in front, the Markdown image under the cursor;
 * failing those, the user picks the clipboard's image (desktop VS Code only) or a file.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { describeImageFile } from './describeImageFile';
import { describeMarkdownImage } from './describeMarkdownImage';
import { TEXT_ABOUT_IMAGE_KIND, type ImagePasteProvider } from './imagePasteProvider';
import type { ImageTask } from './imageTasks';
import { markdownImageAt } from './markdownImages';
import { pickImageTask } from './pickImageTask';

const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

export async function describeImage(services: InkwellServices, paste: ImagePasteProvider, invokedOn?: unknown): Promise<void> {
  const file = invokedOn instanceof vscode.Uri && isImageFile(invokedOn) ? invokedOn : imageTabInFront();
  if (file) return withTask((task) => describeImageFile(services, file, task));

  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') {
    const cursor = editor.selection.active;
    const image = markdownImageAt(editor.document.lineAt(cursor.line).text, cursor.character);
    if (image) return withTask((task) => describeMarkdownImage(services, editor.document, cursor.line, image, task));
  }

  // In a browser (code-server, vscode.dev) Paste As reads only text from the clipboard, and would
  // paste that text instead; an image gets there only through a real paste by the user.
  const source = await pickSource(editor !== undefined && vscode.env.uiKind === vscode.UIKind.Desktop);
  if (source === 'clipboard') {
    await withTask(async (task) => {
      paste.expectTask(task);
      await vscode.commands.executeCommand('editor.action.pasteAs', { kind: TEXT_ABOUT_IMAGE_KIND.value });
    });
  } else if (source === 'file') {
    const [picked] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Images: IMAGE_EXTENSIONS }, openLabel: 'Describe' })) ?? [];
    if (picked) await withTask((task) => describeImageFile(services, picked, task));
  }
}

async function withTask(run: (task: ImageTask) => Promise<void>): Promise<void> {
  const task = await pickImageTask();
  if (task) await run(task);
}

function isImageFile(uri: vscode.Uri): boolean {
  return IMAGE_EXTENSIONS.includes(uri.path.split('.').pop()?.toLowerCase() ?? '');
}

/** An image open in its own tab (VS Code's image preview is a custom editor). */
function imageTabInFront(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && isImageFile(input.uri) ? input.uri : undefined;
}

async function pickSource(canPaste: boolean): Promise<'clipboard' | 'file' | undefined> {
  const items = [
    ...(canPaste ? [{ label: '$(clippy) Image on the clipboard', detail: 'Writes at the cursor in the current editor', source: 'clipboard' as const }] : []),
    { label: '$(file-media) Image file…', detail: 'Opens what Inkwell writes in a new document', source: 'file' as const },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Inkwell: Describe Image', placeHolder: 'Which image? (Or put the cursor on a Markdown image, or paste an image into a Markdown file.)' });
  return picked?.source;
}
