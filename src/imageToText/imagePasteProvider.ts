/**
 * Pasting images, through VS Code's paste API (the only way an extension sees an image on the
 * clipboard):
 *
 * - In a saved Markdown document, "Insert image with generated alt text": the image is saved next
 *   to the document as VS Code's own Markdown paste does (`image.png`, `image-1.png`, ...) and
 *   linked at once; the model's alt text streams into the link right after (altTextAfterPaste.ts).
 *   It yields to VS Code's own image paste, so plain pasting is unchanged; pick it from the paste
 *   widget, with Paste As..., or make it the default with
 *   `"editor.pasteAs.preferences": ["markdown.link.image.inkwell"]`.
 * - In any document, only when asked for by kind (`inkwell.describeImage` on the clipboard runs
 *   Paste As with it): the text Inkwell writes about the image, generated in
 *   `resolveDocumentPasteEdit`, which VS Code calls only for the edit it applies.
 */
import * as vscode from 'vscode';
import { generateWithProgress } from '../commands/generateWithProgress';
import { showGenerationError } from '../commands/showGenerationError';
import type { InkwellServices } from '../services';
import { IMAGE_MIME_TYPES, sniffImageMimeType } from './imageFormats';
import { writeAltTextOncePasted } from './altTextAfterPaste';
import { buildImageMessages, imageGenerationSettings, imageTaskEntry, shapeImageText, type ImageInput, type ImageTask } from './imageTasks';
import { firstFreeFileName, markdownImageLink, pastedImageFileName } from './markdownImageLink';

export const IMAGE_WITH_ALT_TEXT_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link', 'image', 'inkwell');
export const TEXT_ABOUT_IMAGE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('inkwell', 'imageText');

/** VS Code's own Markdown image paste, which ours comes after. */
const BUILT_IN_IMAGE_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link', 'image');

class ImagePasteEdit extends vscode.DocumentPasteEdit {
  constructor(
    title: string,
    kind: vscode.DocumentDropOrPasteEditKind,
    readonly image: ImageInput,
    readonly task: ImageTask,
    /** For the Markdown edit: the document pasted into, and the link it inserts to the saved image. */
    readonly markdown?: { document: vscode.TextDocument; link: string },
  ) {
    super('', title, kind);
  }
}

export class ImagePasteProvider implements vscode.DocumentPasteEditProvider<ImagePasteEdit> {
  static readonly metadata: vscode.DocumentPasteProviderMetadata = {
    providedPasteEditKinds: [IMAGE_WITH_ALT_TEXT_KIND, TEXT_ABOUT_IMAGE_KIND],
    pasteMimeTypes: [...IMAGE_MIME_TYPES],
  };

  private nextTask: ImageTask | undefined;

  constructor(private readonly services: InkwellServices) {}

  /** The next "text about the image" paste writes this (else a description). */
  expectTask(task: ImageTask): void {
    this.nextTask = task;
  }

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    _ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<ImagePasteEdit[] | undefined> {
    const pasted = await pastedImage(dataTransfer);
    if (!pasted || token.isCancellationRequested) return undefined;
    const edits: ImagePasteEdit[] = [];
    if (context.only?.intersects(TEXT_ABOUT_IMAGE_KIND)) {
      const task = this.nextTask ?? { kind: 'description' };
      this.nextTask = undefined;
      edits.push(new ImagePasteEdit('Insert what Inkwell writes about the image', TEXT_ABOUT_IMAGE_KIND, pasted.image, task));
    }
    const wantsMarkdown = !context.only || context.only.intersects(IMAGE_WITH_ALT_TEXT_KIND);
    if (wantsMarkdown && document.languageId === 'markdown' && !document.isUntitled) {
      const folder = vscode.Uri.joinPath(document.uri, '..');
      const fileName = await firstFreeFileName(pastedImageFileName(pasted.name, pasted.image.mimeType), (name) => exists(vscode.Uri.joinPath(folder, name)));
      const link = markdownImageLink('', fileName);
      const edit = new ImagePasteEdit('Insert image with generated alt text (Inkwell)', IMAGE_WITH_ALT_TEXT_KIND, pasted.image, { kind: 'altText' }, { document, link });
      edit.additionalEdit = new vscode.WorkspaceEdit();
      edit.additionalEdit.createFile(vscode.Uri.joinPath(folder, fileName), { contents: pasted.image.bytes, ignoreIfExists: false });
      edit.insertText = link;
      edit.yieldTo = [BUILT_IN_IMAGE_KIND];
      edits.push(edit);
    }
    return edits;
  }

  async resolveDocumentPasteEdit(edit: ImagePasteEdit, token: vscode.CancellationToken): Promise<ImagePasteEdit> {
    if (edit.markdown) {
      writeAltTextOncePasted(this.services, edit.markdown.document, edit.markdown.link, edit.image);
      return edit;
    }
    let generated = '';
    const ending = await generateWithProgress(this.services.provider, {
      title: imageTaskEntry(edit.task.kind).progressTitle,
      request: {
        messages: buildImageMessages(edit.task, edit.image),
        settings: imageGenerationSettings(edit.task, this.services.settings().generation),
        purpose: 'draft',
      },
      onDelta: (delta) => (generated += delta),
      stop: token,
    });
    if (ending.kind === 'failed') void showGenerationError(ending.error);
    edit.insertText = shapeImageText(edit.task, ending.kind === 'complete' ? generated : '');
    return edit;
  }
}

async function pastedImage(dataTransfer: vscode.DataTransfer): Promise<{ image: ImageInput; name?: string } | undefined> {
  for (const mimeType of IMAGE_MIME_TYPES) {
    const file = dataTransfer.get(mimeType)?.asFile();
    if (!file) continue;
    const bytes = await file.data();
    // Trust the bytes over the clipboard's label.
    const sniffed = sniffImageMimeType(bytes);
    if (sniffed) return { image: { bytes, mimeType: sniffed }, name: file.name };
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
