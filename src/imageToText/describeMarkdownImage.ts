/**
 * Writes about an image that a Markdown document shows, into that document: alt text replaces
 * the image's alt text, anything else becomes a paragraph after the image's line. Streams, and
 * the result is one undo step (see `editing/streamedEdit.ts`).
 */
import * as vscode from 'vscode';
import { generateWithProgress } from '../commands/generateWithProgress';
import { reportStreamEnd } from '../commands/reportStreamEnd';
import { paragraph } from '../editing/regionText';
import { streamIntoDocument, type DocumentRegion } from '../editing/streamIntoDocument';
import type { InkwellServices } from '../services';
import { altTextRegion } from './altTextRegion';
import { buildImageMessages, imageGenerationSettings, imageTaskEntry, shapeImageText, type ImageInput, type ImageTask } from './imageTasks';
import { loadMarkdownImage } from './loadImage';
import { findMarkdownImages, type MarkdownImage } from './markdownImages';

export async function describeMarkdownImage(
  services: InkwellServices,
  document: vscode.TextDocument,
  line: number,
  image: MarkdownImage,
  task: ImageTask,
  /** The image's bytes where the caller has them (a paste whose file may not be written yet). */
  known?: ImageInput,
): Promise<void> {
  const loaded = known ? { image: known } : await loadMarkdownImage(document, image.target);
  if (!loaded.image) {
    void vscode.window.showErrorMessage(loaded.problem);
    return;
  }
  const region = regionFor(document, line, image, task);
  const request = {
    messages: buildImageMessages(task, loaded.image),
    settings: imageGenerationSettings(task, services.settings().generation),
    purpose: 'draft' as const,
  };
  const { ending, edit } = await streamIntoDocument(document, region, (onDelta, stop) =>
    generateWithProgress(services.provider, { title: imageTaskEntry(task.kind).progressTitle, request, onDelta, stop }),
  );
  reportStreamEnd(ending, edit, () => {
    // Only if the image is still where it was: the user may have edited the document meanwhile.
    const again = line < document.lineCount && findMarkdownImages(document.lineAt(line).text).find((found) => found.start === image.start && found.target === image.target);
    if (again) return describeMarkdownImage(services, document, line, again, task);
  });
}

function regionFor(document: vscode.TextDocument, line: number, image: MarkdownImage, task: ImageTask): DocumentRegion {
  if (task.kind === 'altText') {
    return { offset: document.offsetAt(new vscode.Position(line, image.altStart)), original: image.alt, text: altTextRegion(image.alt) };
  }
  const offset = document.offsetAt(document.lineAt(line).range.end);
  const text = document.getText();
  const around = { before: text.slice(0, offset), after: text.slice(offset) };
  return { offset, original: '', text: paragraph(around, (generated) => shapeImageText(task, generated)) };
}
